/** explain-error: offline, from the registry and the shared lookup; human and JSON views. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, NODE } from './helpers/softhsm.ts';

const explain = (args: string[], env: Record<string, string> = {}) => {
  const run = spawnSync(NODE, [BIN, 'explain-error', ...args], { encoding: 'utf8', env: { PATH: process.env.PATH, ...env } });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, json: () => JSON.parse(run.stdout) };
};

describe('hsm-cli explain-error', () => {
  it('explains a hex value: name, both hex forms, decimal, category, meaning, causes, solutions, page', () => {
    const run = explain(['0xA0']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^CKR_PIN_INCORRECT\n/);
    expect(run.stdout).toContain('Value:     0xA0 (0x000000A0), decimal 160');
    expect(run.stdout).toContain('Category:  PIN');
    expect(run.stdout).toMatch(/Meaning: {3}\S/);
    expect(run.stdout).toContain('Common causes:');
    expect(run.stdout).toContain('Solutions:');
    expect(run.stdout).toContain('More: https://ckr-ref.org/codes/ckr_pin_incorrect/');
  });

  it('reads names, decimals and pkcs11js error lines the same way', () => {
    for (const input of ['CKR_PIN_INCORRECT', '160', 'pin incorrect', 'Error: CKR_PIN_INCORRECT:160', '0x000000A0']) {
      const run = explain([input, '--json']);
      expect(run.status, input).toBe(0);
      expect(run.json().name, input).toBe('CKR_PIN_INCORRECT');
    }
  });

  it('--json gives the same facts as an object', () => {
    const data = explain(['0x101', '--json']).json();
    expect(data).toMatchObject({
      kind: 'code', name: 'CKR_USER_NOT_LOGGED_IN', value: 0x101, hex: '0x00000101', hexShort: '0x101', decimal: 257,
      category: 'user', url: 'https://ckr-ref.org/codes/ckr_user_not_logged_in/',
    });
    expect(data.causes.length).toBeGreaterThan(0);
    expect(data.solutions.length).toBeGreaterThan(0);
  });

  it('--context adds the steps of that operation (the code\'s own block when it has one)', () => {
    const data = explain(['CKR_PIN_INCORRECT', '--context', 'login', '--json']).json();
    expect(data.context.id).toBe('login');
    expect(['code', 'context']).toContain(data.context.source);
    expect(data.context.steps.length).toBeGreaterThan(0);
    const human = explain(['CKR_PIN_INCORRECT', '--context', 'login']);
    expect(human.stdout).toContain('What to do (login):');
  });

  it('a context the code has no block for falls back to the context\'s generic steps', () => {
    const data = explain(['CKR_HOST_MEMORY', '--context', 'random', '--json']).json();
    expect(data.context).toMatchObject({ id: 'random', source: 'context', url: 'https://ckr-ref.org/contexts/random/' });
    expect(data.context.steps.length).toBeGreaterThan(0);
  });

  it('builds links on --base-url or CKR_REF_BASE_URL', () => {
    expect(explain(['0xA0', '--json', '--base-url', 'https://mirror.example/ref/']).json().url).toBe('https://mirror.example/ref/codes/ckr_pin_incorrect/');
    expect(explain(['0xA0', '--json'], { CKR_REF_BASE_URL: 'http://localhost:4321' }).json().url).toBe('http://localhost:4321/codes/ckr_pin_incorrect/');
  });

  it('vendor-defined values point at CKR_VENDOR_DEFINED', () => {
    const data = explain(['0x80000101', '--json']).json();
    expect(data).toMatchObject({ kind: 'vendor', name: 'CKR_VENDOR_DEFINED', value: 0x80000101, category: 'vendor' });
    expect(explain(['0x80000101']).stdout).toContain('CKR_VENDOR_DEFINED + 0x101');
  });

  it('says when it guessed, and shows the other reading of an ambiguous number', () => {
    const typo = explain(['CKR_PIN_INCORECT']);
    expect(typo.stdout).toMatch(/^Did you mean CKR_PIN_INCORRECT \(0xA0, 160\)\?\n\nCKR_PIN_INCORRECT\n/);
    expect(explain(['CKR_PIN_INCORECT', '--json']).json()).toMatchObject({ name: 'CKR_PIN_INCORRECT', suggestion: true });
    const ambiguous = explain(['100']);
    expect(ambiguous.stdout).toMatch(/^CKR_KEY_NOT_NEEDED\n/);
    expect(ambiguous.stdout).toContain('Also:      Read as hex, 0x100 is CKR_USER_ALREADY_LOGGED_IN.');
  });

  it('several matches are listed; nothing at all is exit 3', () => {
    const words = explain(['pin', '--json']);
    expect(words.status).toBe(0);
    expect(words.json().kind).toBe('candidates');
    expect(explain(['pin']).stdout).toContain('CKR_PIN_INCORRECT');
    const none = explain(['hello world']);
    expect(none.status).toBe(3);
  });

  it('needs an input (exit 2) and rejects an unknown context', () => {
    expect(explain([]).status).toBe(2);
    const bad = explain(['0xA0', '--context', 'nope']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('unknown --context "nope"');
  });
});
