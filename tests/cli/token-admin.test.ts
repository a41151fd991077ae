/**
 * Library and token administration on a private SoftHSM2: info, list-slots, list-mechanisms, init-token,
 * init-pin, change-pin, random, cleanup-test-tokens; and the failures around them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertNoPin, createHsm, expectCkr, SO_PIN, USER_PIN, type Hsm } from './helpers/softhsm.ts';

let hsm: Hsm;
const PINS = { HSM_SO_PIN: SO_PIN, HSM_USER_PIN: USER_PIN };

beforeAll(() => {
  hsm = createHsm();
  hsm.token('admin');
});
afterAll(() => hsm.cleanup());

describe('info and list-slots', () => {
  it('info: library and slots, human and JSON', () => {
    const human = hsm.cli(['info']);
    expect(human.status).toBe(0);
    expect(human.stdout).toContain('Implementation of PKCS11');
    expect(human.stdout).toContain('token "admin"');
    const data = hsm.cli(['info', '--json']).json();
    expect(data.cryptokiVersion).toBe('2.40');
    expect(data.slots.some((s: any) => s.token?.label === 'admin')).toBe(true);
  });

  it('list-slots: token flags', () => {
    const human = hsm.cli(['list-slots']);
    expect(human.status).toBe(0);
    expect(human.stdout).toMatch(/Token: +"admin"/);
    expect(human.stdout).toMatch(/User PIN set: yes +count low: no +final try: no +locked: no/);
    const slot = hsm.cli(['list-slots', '--json']).json().slots.find((s: any) => s.token?.label === 'admin');
    expect(slot.token).toMatchObject({ initialized: true, userPinInitialized: true, userPinLocked: false, userPinFinalTry: false });
    expect(slot.token.flags).toContain('CKF_LOGIN_REQUIRED');
  });
});

describe('list-mechanisms', () => {
  it('names, and key sizes and flags with --detailed', () => {
    const human = hsm.cli(['list-mechanisms', '--label', 'admin']);
    expect(human.status).toBe(0);
    expect(human.stdout).toContain('CKM_SHA256_RSA_PKCS');
    expect(human.stdout).not.toContain('CKM_ECDSA_SHA256');
    const detailed = hsm.cli(['list-mechanisms', '--label', 'admin', '--detailed', '--json']).json();
    const gen = detailed.mechanisms.find((m: any) => m.name === 'CKM_RSA_PKCS_KEY_PAIR_GEN');
    expect(gen.flags).toContain('CKF_GENERATE_KEY_PAIR');
    expect(gen.maxKeySize).toBeGreaterThanOrEqual(4096);
    // CKK_EC/CKM_EC_KEY_PAIR_GEN: the current name wins over pkcs11js' older alias.
    expect(detailed.mechanisms.map((m: any) => m.name)).toContain('CKM_EC_KEY_PAIR_GEN');
  });

  it('unknown slot: CKR_SLOT_ID_INVALID (0x3), exit 1', () => {
    const run = hsm.cli(['list-mechanisms', '--slot', '4242424242']);
    expect(run.status).toBe(1);
    expectCkr(run, 'CKR_SLOT_ID_INVALID', '0x3');
    expect(run.stderr).toContain('C_GetTokenInfo failed: CKR_SLOT_ID_INVALID (0x3)');
    expect(run.stderr).toContain('0x00000003');
    const json = hsm.cli(['list-mechanisms', '--slot', '4242424242', '--json']);
    expect(json.json().error).toMatchObject({ function: 'C_GetTokenInfo', name: 'CKR_SLOT_ID_INVALID', value: 3, hexShort: '0x3', hex: '0x00000003', decimal: 3 });
  });
});

describe('init-token, init-pin, change-pin', () => {
  it('init-token finds the first free slot and reports the new slot ID; refuses a duplicate label', () => {
    const run = hsm.cli(['init-token', '--label', 'fresh', '--json'], { env: PINS });
    expect(run.status).toBe(0);
    const data = run.json();
    expect(data.label).toBe('fresh');
    // SoftHSM2 renumbers the slot of a token it initializes.
    expect(data.slot).not.toBe(data.previousSlot);
    expect(hsm.cli(['list-slots', '--json']).json().slots.find((s: any) => s.id === data.slot).token.label).toBe('fresh');
    const again = hsm.cli(['init-token', '--label', 'fresh'], { env: PINS });
    expect(again.status).toBe(3);
    expect(again.stderr).toContain('a token labelled "fresh" already exists');
    // The label is blank padded like every other tool writes it.
    expect(hsm.tool(['--list-slots']).stdout).toMatch(/token label\s+: fresh\n/);
  });

  it('init-token --slot on an initialized token asks first: refused without --yes off a terminal', () => {
    const slot = hsm.cli(['list-slots', '--json']).json().slots.find((s: any) => s.token?.label === 'fresh').id;
    const refused = hsm.cli(['init-token', '--label', 'fresh', '--slot', String(slot)], { env: PINS });
    expect(refused.status).toBe(5);
    expect(refused.stderr).toContain('refusing to re-initialize an initialized token without --yes');
  });

  it('init-pin sets the user PIN (human output)', () => {
    const run = hsm.cli(['init-pin', '--label', 'fresh'], { env: PINS });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('User PIN of token "fresh" set.\n');
    expect(hsm.cli(['init-pin', '--label', 'fresh', '--json'], { env: PINS }).json()).toMatchObject({ token: 'fresh' });
  });

  it('change-pin changes the user PIN, then the old one is CKR_PIN_INCORRECT (0xA0)', () => {
    const changed = hsm.cli(['change-pin', '--label', 'fresh', '--json'], { env: { HSM_OLD_PIN: USER_PIN, HSM_NEW_PIN: 'new-user-pin-99' } });
    expect(changed.status).toBe(0);
    expect(changed.json()).toEqual({ token: 'fresh', user: 'user' });
    assertNoPin(changed, [USER_PIN, 'new-user-pin-99']);
    const old = hsm.cli(['random', '--label', 'fresh', '--length', '8'], { env: {} });
    expect(old.status).toBe(0); // random needs no login
    const wrong = hsm.cli(['list-objects', '--label', 'fresh', '--user-pin', USER_PIN]);
    expect(wrong.status).toBe(1);
    expectCkr(wrong, 'CKR_PIN_INCORRECT', '0xA0');
    expect(hsm.cli(['list-objects', '--label', 'fresh'], { env: { HSM_USER_PIN: 'new-user-pin-99' } }).status).toBe(0);
  });

  it('change-pin --so changes the SO PIN', () => {
    const run = hsm.cli(['change-pin', '--label', 'fresh', '--so', '--old-pin', SO_PIN, '--new-pin', 'new-so-pin-99']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('SO PIN of token "fresh" changed.\n');
    const old = hsm.cli(['init-pin', '--label', 'fresh'], { env: PINS });
    expectCkr(old, 'CKR_PIN_INCORRECT', '0xA0');
  });
});

describe('login failures and PIN handling', () => {
  it('wrong PIN: CKR_PIN_INCORRECT (0xA0) from C_Login, explained in the login context, exit 1', () => {
    const run = hsm.cli(['list-objects', '--label', 'admin'], { env: { HSM_USER_PIN: 'wrong-pin-1234' } });
    expect(run.status).toBe(1);
    expectCkr(run, 'CKR_PIN_INCORRECT', '0xA0');
    expect(run.stderr).toContain('C_Login failed: CKR_PIN_INCORRECT (0xA0)');
    expect(run.stderr).toContain('Value:     0xA0 (0x000000A0), decimal 160');
    expect(run.stderr).toContain('Category:  PIN');
    expect(run.stderr).toContain('What to do (login):');
    expect(run.stderr).toContain('More: https://ckr-ref.org/codes/ckr_pin_incorrect/');
    assertNoPin(run, ['wrong-pin-1234']);
    const json = hsm.cli(['list-objects', '--label', 'admin', '--json'], { env: { HSM_USER_PIN: 'wrong-pin-1234' } });
    expect(json.json().error).toMatchObject({ function: 'C_Login', name: 'CKR_PIN_INCORRECT', value: 160, context: { id: 'login' } });
    assertNoPin(json, ['wrong-pin-1234']);
  });

  it('a PIN from the environment never appears in stdout or stderr, whatever happens', () => {
    const runs = [
      hsm.cli(['list-objects', '--label', 'admin', '--detailed'], { env: PINS }),
      hsm.cli(['list-objects', '--label', 'admin', '--json'], { env: PINS }),
      hsm.cli(['init-pin', '--label', 'admin', '--json'], { env: PINS }),
      hsm.cli(['list-objects', '--label', 'admin', '--bogus'], { env: PINS }),
      hsm.cli(['list-objects', '--label', 'nope'], { env: PINS }),
      hsm.cli(['init-pin', '--label', 'admin'], { env: { HSM_SO_PIN: USER_PIN, HSM_USER_PIN: SO_PIN } }),
    ];
    for (const run of runs) assertNoPin(run);
  });

  it('a PIN starting with a dash is read as the value of --user-pin, never as options to complain about', () => {
    const run = hsm.cli(['list-objects', '--label', 'admin', '--user-pin', '-9876-secret']);
    expectCkr(run, 'CKR_PIN_INCORRECT', '0xA0');
    assertNoPin(run, ['9876']);
  });

  it('no PIN and no terminal: a usage error that says how to pass it (exit 2)', () => {
    const run = hsm.cli(['inspect-key', '--label', 'admin', '--key-label', 'x']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('User PIN needed and none given');
    expect(run.stderr).toContain('pass --user-pin <pin>, set HSM_USER_PIN, or run in a terminal to be prompted');
  });
});

describe('environment failures are clear messages, not stacks', () => {
  it('missing module file: exit 3', () => {
    const run = hsm.cli(['info', '--module', '/nonexistent/libnothing.so']);
    expect(run.status).toBe(3);
    expect(run.stderr).toBe('hsm-cli info: PKCS#11 module not found: /nonexistent/libnothing.so\n  pass --module <path> or set PKCS11_MODULE (Debian: apt install softhsm2)\n');
    const env = hsm.cli(['info', '--json'], { env: { PKCS11_MODULE: '/nonexistent/lib2.so' } });
    expect(env.status).toBe(3);
    expect(env.json().error).toMatchObject({ exit: 'ENVIRONMENT', message: 'PKCS#11 module not found: /nonexistent/lib2.so' });
  });

  it('a file that is not a PKCS#11 module: exit 3', () => {
    const run = hsm.cli(['info', '--module', hsm.file('not-a-module.so', 'hello')]);
    expect(run.status).toBe(3);
    expect(run.stderr).toContain('cannot load PKCS#11 module');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('unknown token label: exit 3, lists the tokens present', () => {
    const run = hsm.cli(['list-mechanisms', '--label', 'no-such-token']);
    expect(run.status).toBe(3);
    expect(run.stderr).toContain('no token labelled "no-such-token"');
    expect(run.stderr).toMatch(/tokens present: .*"admin"/);
  });

  it('no token selected: usage error', () => {
    const run = hsm.cli(['list-mechanisms']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('no token given');
  });
});

describe('random', () => {
  it('hex on stdout, bytes to a file, JSON', () => {
    const hex = hsm.cli(['random', '--label', 'admin', '--length', '16']);
    expect(hex.stdout).toMatch(/^[0-9a-f]{32}\n$/);
    expect(hsm.cli(['random', '--label', 'admin', '--length', '64', '--output', 'r.bin']).status).toBe(0);
    expect(hsm.read('r.bin').length).toBe(64);
    expect(hsm.cli(['random', '--label', 'admin', '--length', '4', '--json']).json()).toMatchObject({ token: 'admin', length: 4, hex: expect.stringMatching(/^[0-9a-f]{8}$/) });
    expect(hsm.cli(['random', '--label', 'admin', '--length', '0']).status).toBe(2);
  });
});

describe('cleanup-test-tokens', () => {
  it('lists matching tokens, refuses without --yes off a terminal, deletes with softhsm2-util', () => {
    expect(hsm.cli(['init-token', '--label', 'ci-one'], { env: PINS }).stdout).toMatch(/^Token "ci-one" initialized: slot \d+ \(was \d+: the module renumbered it\), serial [0-9a-f]{16}\.\nNext: hsm-cli init-pin --label ci-one\n$/);
    hsm.cli(['init-token', '--label', 'ci-two'], { env: PINS });
    const refused = hsm.cli(['cleanup-test-tokens', '--prefix', 'ci-']);
    expect(refused.status).toBe(5);
    expect(refused.stderr).toContain('"ci-one"');
    expect(refused.stderr).toContain('refusing to delete without --yes');
    const done = hsm.cli(['cleanup-test-tokens', '--prefix', 'ci-', '--yes', '--json']);
    expect(done.status).toBe(0);
    expect(done.json()).toMatchObject({ prefix: 'ci-', deleted: ['ci-one', 'ci-two'], failed: [] });
    expect(done.json().method).toContain('softhsm2-util --delete-token');
    const labels = hsm.cli(['list-slots', '--json']).json().slots.map((s: any) => s.token?.label);
    expect(labels).not.toContain('ci-one');
    expect(labels).toContain('admin');
    const none = hsm.cli(['cleanup-test-tokens', '--prefix', 'ci-', '--yes']);
    expect(none.stdout).toBe('No token label starts with "ci-".\n');
  });
});
