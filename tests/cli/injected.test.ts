/**
 * In-process runs of main() with a pkcs11js factory that wraps the real module, for what SoftHSM2 cannot
 * be made to do from the outside (it never locks a PIN) and for failures half-way through a command. Plus
 * one real provocation that needs a login held by the same process: SO login while the user is logged in.
 */
import { createRequire } from 'node:module';
import { Readable, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import type { Pkcs11Factory, Pkcs11Module } from '../../src/cli/token.ts';
import { createHsm, MODULE, SO_PIN, USER_PIN, type Hsm } from './helpers/softhsm.ts';

/** pkcs11js as applications load it (its index.js, with Pkcs11Error). */
const real = createRequire(import.meta.url)('pkcs11js') as typeof import('pkcs11js');
let hsm: Hsm;
const T = 'inject';

/** main() with in-memory streams; stdin is not a TTY. */
async function run(argv: string[], options: { env?: Record<string, string>; pkcs11?: Pkcs11Factory } = {}) {
  let stdout = '';
  let stderr = '';
  const sink = (append: (s: string) => void) => new Writable({ write: (chunk, _enc, done) => (append(String(chunk)), done()) });
  const io = {
    stdin: Readable.from([]) as Readable & { isTTY?: boolean },
    stdout: sink((s) => (stdout += s)),
    stderr: sink((s) => (stderr += s)),
    env: { SOFTHSM2_CONF: hsm.env.SOFTHSM2_CONF, HSM_USER_PIN: USER_PIN, HSM_SO_PIN: SO_PIN, ...options.env },
  };
  const status = await main(argv, { io, ...(options.pkcs11 ? { pkcs11: options.pkcs11 } : {}) });
  return { status, stdout, stderr };
}

/** The real pkcs11js whose `fn` throws what pkcs11js would throw for `error`. */
function failing(fn: string, error: () => Error): Pkcs11Factory {
  return async () => ({
    ...real,
    PKCS11: function PKCS11() {
      const instance = new real.PKCS11() as unknown as Record<string, unknown>;
      instance[fn] = () => {
        throw error();
      };
      return instance;
    } as unknown as Pkcs11Module['PKCS11'],
  });
}

/** pkcs11js's own error for a CK_RV: Pkcs11Error with the name it knows and the decimal value. */
const pkcs11Error = (name: string, value: number, method: string) => new real.Pkcs11Error(`${name}:${value}`, value, method);

beforeAll(() => {
  hsm = createHsm();
  hsm.token(T);
  // The in-process runs load SoftHSM2 into this process: it reads SOFTHSM2_CONF from here.
  process.env.SOFTHSM2_CONF = hsm.env.SOFTHSM2_CONF;
});
afterAll(() => hsm.cleanup());

describe('failures injected at the pkcs11js boundary', () => {
  it('CKR_PIN_LOCKED (0xA4) at C_Login: explained, exit 1, no stack, no PIN', async () => {
    const pkcs11 = failing('C_Login', () => pkcs11Error('CKR_PIN_LOCKED', 0xa4, 'C_Login'));
    const human = await run(['list-objects', '--label', T], { pkcs11 });
    expect(human.status).toBe(1);
    expect(human.stderr).toContain('C_Login failed: CKR_PIN_LOCKED (0xA4)');
    expect(human.stderr).toContain('Value:     0xA4 (0x000000A4), decimal 164');
    expect(human.stderr).toContain('What to do (login):');
    expect(human.stderr).toContain('More: https://ckr-ref.org/codes/ckr_pin_locked/');
    expect(human.stderr).not.toMatch(/\n\s+at /);
    expect(human.stderr + human.stdout).not.toContain(USER_PIN);
    const json = await run(['list-objects', '--label', T, '--json'], { pkcs11 });
    expect(JSON.parse(json.stdout).error).toMatchObject({ function: 'C_Login', name: 'CKR_PIN_LOCKED', value: 0xa4, hex: '0x000000A4', category: 'pin' });
  });

  it('decodes the number, not pkcs11js\' name: CKR_VENDOR_DEFINED:440 is CKR_PIN_TOO_WEAK (0x1B8)', async () => {
    const pkcs11 = failing('C_Login', () => pkcs11Error('CKR_VENDOR_DEFINED', 0x1b8, 'C_Login'));
    const result = await run(['list-objects', '--label', T, '--json'], { pkcs11 });
    expect(JSON.parse(result.stdout).error).toMatchObject({ function: 'C_Login', name: 'CKR_PIN_TOO_WEAK', value: 0x1b8, hexShort: '0x1B8' });
  });

  it('plain Error "CKR_NAME:decimal" (C_FindObjects style) is a CKR failure too; vendor values stay vendor', async () => {
    const pkcs11 = failing('C_FindObjects', () => new Error('CKR_VENDOR_DEFINED:2147483905'));
    const result = await run(['list-objects', '--label', T, '--json'], { pkcs11 });
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout).error).toMatchObject({ function: 'C_FindObjects', kind: 'vendor', name: 'CKR_VENDOR_DEFINED', value: 0x80000101, context: { id: 'objects' } });
  });

  it('gen-keypair failing half-way (C_SetAttributeValue) destroys the key pair it made', async () => {
    const pkcs11 = failing('C_SetAttributeValue', () => new Error('CKR_ATTRIBUTE_READ_ONLY:16'));
    const result = await run(['gen-keypair', '--label', T, '--key-type', 'ec', '--key-label', 'half'], { pkcs11 });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('C_SetAttributeValue failed: CKR_ATTRIBUTE_READ_ONLY (0x10)');
    const left = await run(['find-key', '--label', T, '--key-label', 'half', '--json']);
    expect(left.status).toBe(3);
    expect(JSON.parse(left.stdout).found).toEqual([]);
    // Without the injected failure the same command works.
    expect((await run(['gen-keypair', '--label', T, '--key-type', 'ec', '--key-label', 'half'])).status).toBe(0);
  });

  it('missing module, in process: exit 3 before pkcs11js is even asked for', async () => {
    let asked = false;
    const result = await run(['info', '--module', '/nonexistent.so'], { pkcs11: async () => ((asked = true), real) });
    expect(result.status).toBe(3);
    expect(asked).toBe(false);
  });
});

describe('a login held by the same process (real SoftHSM2 behaviour)', () => {
  it('SO login while the user is logged in: CKR_USER_ANOTHER_ALREADY_LOGGED_IN (0x104)', async () => {
    // An application that embeds hsm-cli has already initialized the library and logged the user in.
    const host = new real.PKCS11();
    host.load(MODULE);
    host.C_Initialize();
    try {
      const slot = host.C_GetSlotList(true).find((s) => host.C_GetTokenInfo(s).label.trim() === T)!;
      const session = host.C_OpenSession(slot, real.CKF_SERIAL_SESSION | real.CKF_RW_SESSION);
      host.C_Login(session, real.CKU_USER, USER_PIN);
      // hsm-cli finds the library initialized (CKR_CRYPTOKI_ALREADY_INITIALIZED), uses it, leaves it initialized.
      const result = await run(['init-pin', '--label', T]);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('C_Login failed: CKR_USER_ANOTHER_ALREADY_LOGGED_IN (0x104)');
      expect(result.stderr).toContain('0x00000104), decimal 260');
      expect(result.stderr).toContain('What to do (login):');
      expect(result.stderr + result.stdout).not.toContain(SO_PIN);
      // The host's session is still usable.
      expect(host.C_GetSessionInfo(session).state).toBe(3); // CKS_RW_USER_FUNCTIONS
    } finally {
      host.C_Finalize();
      host.close();
    }
  });
});
