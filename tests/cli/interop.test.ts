/**
 * hsm-cli against the peer everyone already has: OpenSC's pkcs11-tool on the same SoftHSM2 token dir.
 * Keys made by one are usable by the other; signatures made by one verify with the other.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHsm, expectCkr, USER_PIN, type Hsm } from './helpers/softhsm.ts';

let hsm: Hsm;
const T = 'interop';
const user = { env: { HSM_USER_PIN: USER_PIN } };
const cli = (command: string, ...args: string[]) => hsm.cli([command, '--label', T, ...args], user);
const tool = (...args: string[]) => hsm.tool(['--token-label', T, '--login', '--pin', USER_PIN, ...args]);
/** pkcs11-tool picks keys for --sign/--verify by --id (it ignores --label there): the CKA_ID hsm-cli set. */
const idOf = (label: string): string => cli('find-key', '--key-label', label, '--json').json().found[0].CKA_ID;

beforeAll(() => {
  hsm = createHsm();
  hsm.token(T);
  hsm.file('doc.txt', 'interop payload\n');
  expect(cli('gen-keypair', '--key-type', 'rsa', '--key-label', 'cli-rsa').status).toBe(0);
  expect(cli('gen-keypair', '--key-type', 'ec', '--key-label', 'cli-ec').status).toBe(0);
});
afterAll(() => hsm.cleanup());

describe('pkcs11-tool and hsm-cli on one token', () => {
  it('pkcs11-tool --list-objects sees the keys hsm-cli made, with their label and ID', () => {
    const run = tool('--list-objects');
    expect(run.status).toBe(0);
    const id = idOf('cli-rsa');
    expect(run.stdout).toMatch(/Private Key Object; RSA\s+\n\s+label:\s+cli-rsa/);
    expect(run.stdout).toMatch(/Public Key Object; RSA 2048 bits\s*\n\s+label:\s+cli-rsa/);
    expect(run.stdout).toContain(`ID:         ${id}`);
    expect(run.stdout).toMatch(/Public Key Object; EC/);
  });

  it('pkcs11-tool --sign -m SHA256-RSA-PKCS, then hsm-cli verify', () => {
    const signed = tool('--sign', '-m', 'SHA256-RSA-PKCS', '--id', idOf('cli-rsa'), '--input-file', 'doc.txt', '--output-file', 'tool.sig');
    expect(signed.status, signed.stdout + signed.stderr).toBe(0);
    const run = cli('verify', '--key-label', 'cli-rsa', '--input', 'doc.txt', '--signature', 'tool.sig', '--mechanism', 'sha256-rsa-pkcs');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Signature OK');
  });

  it('hsm-cli sign, then pkcs11-tool --verify', () => {
    expect(cli('sign', '--key-label', 'cli-rsa', '--input', 'doc.txt', '--output', 'cli.sig').status).toBe(0);
    const run = tool('--verify', '-m', 'SHA256-RSA-PKCS', '--id', idOf('cli-rsa'), '--input-file', 'doc.txt', '--signature-file', 'cli.sig');
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('Signature is valid');
  });

  it('ECDSA both ways: raw r||s over a SHA-256 digest (SoftHSM2 has no CKM_ECDSA_SHA256)', () => {
    hsm.file('doc.sha256', createHash('sha256').update(hsm.read('doc.txt')).digest());
    expect(cli('sign', '--key-label', 'cli-ec', '--input', 'doc.txt', '--output', 'cli-ec.sig', '--mechanism', 'ecdsa-sha256').status).toBe(0);
    const verified = tool('--verify', '-m', 'ECDSA', '--id', idOf('cli-ec'), '--input-file', 'doc.sha256', '--signature-file', 'cli-ec.sig');
    expect(verified.stdout + verified.stderr).toContain('Signature is valid');
    expect(tool('--sign', '-m', 'ECDSA', '--id', idOf('cli-ec'), '--input-file', 'doc.sha256', '--output-file', 'tool-ec.sig').status).toBe(0);
    expect(cli('verify', '--key-label', 'cli-ec', '--input', 'doc.txt', '--signature', 'tool-ec.sig', '--mechanism', 'ecdsa-sha256').status).toBe(0);
  });

  it('a key pkcs11-tool makes (--usage-sign) signs and verifies with hsm-cli', () => {
    expect(tool('--keypairgen', '--key-type', 'rsa:2048', '--label', 'tool-sign', '--id', 'a1', '--usage-sign').status).toBe(0);
    expect(cli('sign', '--key-label', 'tool-sign', '--input', 'doc.txt', '--output', 'ts.sig').status).toBe(0);
    expect(cli('verify', '--key-label', 'tool-sign', '--input', 'doc.txt', '--signature', 'ts.sig').status).toBe(0);
  });

  it('usage flags: pkcs11-tool --usage-decrypt leaves CKA_SIGN at the SoftHSM2 default (true); hsm-cli --usage clears it', () => {
    // pkcs11-tool only sets the flags it is given, so its "decrypt only" key can still sign on SoftHSM2.
    expect(tool('--keypairgen', '--key-type', 'rsa:2048', '--label', 'tool-decrypt', '--id', 'a2', '--usage-decrypt').status).toBe(0);
    const toolKey = cli('inspect-key', '--key-label', 'tool-decrypt', '--json').json().objects.find((o: any) => o.CKA_CLASS === 'CKO_PRIVATE_KEY');
    expect(toolKey).toMatchObject({ CKA_DECRYPT: true, CKA_SIGN: true });
    // hsm-cli's --usage sets every usage flag, and pkcs11-tool sees the result.
    expect(cli('gen-keypair', '--key-type', 'rsa', '--key-label', 'cli-decrypt', '--usage', 'encrypt,decrypt').status).toBe(0);
    expect(tool('--list-objects').stdout).toMatch(/Private Key Object; RSA\s*\n\s+label:\s+cli-decrypt\n.*\n\s+Usage:\s+decrypt\n/);
    const refused = cli('sign', '--key-label', 'cli-decrypt', '--input', 'doc.txt');
    expect(refused.status).toBe(1);
    expectCkr(refused, 'CKR_KEY_FUNCTION_NOT_PERMITTED', '0x68');
  });
});
