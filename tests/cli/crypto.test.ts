/**
 * sign, verify, encrypt, decrypt, wrap, unwrap on a private SoftHSM2, and the CKR failures they provoke
 * for real: CKR_SIGNATURE_INVALID, CKR_KEY_FUNCTION_NOT_PERMITTED, CKR_KEY_TYPE_INCONSISTENT,
 * CKR_MECHANISM_INVALID, CKR_KEY_UNEXTRACTABLE.
 */
import { createHash, createPublicKey, verify as nodeVerify } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHsm, expectCkr, USER_PIN, type Hsm } from './helpers/softhsm.ts';

let hsm: Hsm;
const T = 'crypto';
const user = { env: { HSM_USER_PIN: USER_PIN } };
/** hsm-cli <command> --label crypto <args...>, with the user PIN in the environment. */
const cli = (command: string, ...args: string[]) => hsm.cli([command, '--label', T, ...args], user);

beforeAll(() => {
  hsm = createHsm();
  hsm.token(T);
  expect(cli('gen-keypair', '--key-type', 'rsa', '--key-label', 'rsa').status).toBe(0);
  expect(cli('gen-keypair', '--key-type', 'ec', '--curve', 'p256', '--key-label', 'ec').status).toBe(0);
  expect(cli('gen-keypair', '--key-type', 'rsa', '--key-label', 'verify-only', '--usage', 'verify,decrypt').status).toBe(0);
  expect(cli('gen-symmetric', '--key-label', 'aes').status).toBe(0);
  expect(cli('gen-symmetric', '--key-label', 'kek').status).toBe(0);
  expect(cli('gen-symmetric', '--key-label', 'movable', '--extractable').status).toBe(0);
  hsm.file('doc.txt', 'the quick brown fox\n');
});
afterAll(() => hsm.cleanup());

describe('sign and verify', () => {
  it('RSA sha256-rsa-pkcs (default): raw signature, verifies, human and JSON', () => {
    const signed = cli('sign', '--key-label', 'rsa', '--input', 'doc.txt');
    expect(signed.status).toBe(0);
    expect(signed.stdout).toBe('Signed 1 file with "rsa" (sha256-rsa-pkcs).\n  doc.txt -> doc.txt.sig (256 bytes)\n');
    expect(hsm.read('doc.txt.sig').length).toBe(256);
    const verified = cli('verify', '--key-label', 'rsa', '--input', 'doc.txt', '--signature', 'doc.txt.sig', '--json');
    expect(verified.status).toBe(0);
    expect(verified.json()).toMatchObject({ valid: true, mechanism: 'sha256-rsa-pkcs', key: 'rsa' });
  });

  it('every RSA mechanism round-trips; CKM_* names work too', () => {
    for (const m of ['sha384-rsa-pkcs', 'sha512-rsa-pkcs', 'sha256-rsa-pss', 'CKM_SHA256_RSA_PKCS', 'ckm_sha1_rsa_pkcs']) {
      expect(cli('sign', '--key-label', 'rsa', '--input', 'doc.txt', '--output', 'm.sig', '--mechanism', m).status, m).toBe(0);
      expect(cli('verify', '--key-label', 'rsa', '--input', 'doc.txt', '--signature', 'm.sig', '--mechanism', m).status, m).toBe(0);
    }
  });

  it('ECDSA: hashed in Node, signed with CKM_ECDSA, raw r||s that OpenSSL verifies', () => {
    const signed = cli('sign', '--key-label', 'ec', '--input', 'doc.txt', '--output', 'ec.sig', '--json').json();
    expect(signed.mechanism).toBe('ecdsa-sha256');
    const signature = hsm.read('ec.sig');
    expect(signature.length).toBe(64);
    expect(cli('verify', '--key-label', 'ec', '--input', 'doc.txt', '--signature', 'ec.sig').status).toBe(0);
    // Cross-check with Node's crypto: the public point from the token, the signature as IEEE P1363 (r||s).
    const point = Buffer.from(cli('inspect-key', '--key-label', 'ec', '--json').json().objects.find((o: any) => o.CKA_CLASS === 'CKO_PUBLIC_KEY').CKA_EC_POINT, 'hex');
    const raw = point.subarray(2); // DER OCTET STRING header (04 41) around the uncompressed point
    const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: raw.subarray(1, 33).toString('base64url'), y: raw.subarray(33).toString('base64url') }, format: 'jwk' });
    expect(nodeVerify('sha256', hsm.read('doc.txt'), { key, dsaEncoding: 'ieee-p1363' }, signature)).toBe(true);
    // ecdsa: the input is already a digest.
    hsm.file('doc.sha384', createHash('sha384').update(hsm.read('doc.txt')).digest());
    expect(cli('sign', '--key-label', 'ec', '--input', 'doc.sha384', '--output', 'd.sig', '--mechanism', 'ecdsa').status).toBe(0);
    expect(cli('verify', '--key-label', 'ec', '--input', 'doc.txt', '--signature', 'd.sig', '--mechanism', 'ecdsa-sha384').status).toBe(0);
  });

  it('a tampered signature: CKR_SIGNATURE_INVALID (0xC0) from C_Verify, exit 4', () => {
    const signature = hsm.read('doc.txt.sig');
    signature[10] ^= 0xff;
    hsm.file('bad.sig', signature);
    const run = cli('verify', '--key-label', 'rsa', '--input', 'doc.txt', '--signature', 'bad.sig');
    expect(run.status).toBe(4);
    expectCkr(run, 'CKR_SIGNATURE_INVALID', '0xC0');
    expect(run.stderr).toContain('C_Verify failed: CKR_SIGNATURE_INVALID (0xC0)');
    expect(run.stderr).toContain('0x000000C0), decimal 192');
    expect(run.stderr).toContain('What to do (verify):');
    const json = cli('verify', '--key-label', 'rsa', '--input', 'doc.txt', '--signature', 'bad.sig', '--json');
    expect(json.status).toBe(4);
    expect(json.json().error).toMatchObject({ function: 'C_Verify', name: 'CKR_SIGNATURE_INVALID', value: 0xc0, category: 'signature' });
  });

  it('a key without CKA_SIGN: CKR_KEY_FUNCTION_NOT_PERMITTED (0x68) from C_SignInit', () => {
    const run = cli('sign', '--key-label', 'verify-only', '--input', 'doc.txt');
    expect(run.status).toBe(1);
    expectCkr(run, 'CKR_KEY_FUNCTION_NOT_PERMITTED', '0x68');
    expect(run.stderr).toContain('C_SignInit failed: CKR_KEY_FUNCTION_NOT_PERMITTED (0x68)');
    expect(run.stderr).toContain('What to do (sign):');
  });

  it('a mechanism SoftHSM2 does not have: CKR_MECHANISM_INVALID (0x70)', () => {
    const run = cli('sign', '--key-label', 'ec', '--input', 'doc.txt', '--mechanism', 'CKM_ECDSA_SHA256', '--json');
    expect(run.status).toBe(1);
    expect(run.json().error).toMatchObject({ function: 'C_SignInit', name: 'CKR_MECHANISM_INVALID', value: 0x70, hexShort: '0x70', context: { id: 'sign' } });
    expectCkr(cli('sign', '--key-label', 'ec', '--input', 'doc.txt', '--mechanism', 'CKM_ECDSA_SHA256'), 'CKR_MECHANISM_INVALID', '0x70');
  });

  it('unknown mechanism names are usage errors, not token calls', () => {
    const run = cli('sign', '--key-label', 'rsa', '--input', 'doc.txt', '--mechanism', 'rsa-sha999');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('unknown mechanism "rsa-sha999"');
  });

  it('several inputs: one session, one login, signatures in --output-dir; fast', () => {
    const dir = join(hsm.dir, 'many');
    mkdirSync(dir);
    const inputs: string[] = [];
    for (let i = 0; i < 1000; i++) {
      const path = join(dir, `f${i}.txt`);
      writeFileSync(path, `file ${i}\n`);
      inputs.push('--input', path);
    }
    mkdirSync(join(hsm.dir, 'sigs'));
    const started = performance.now();
    const run = cli('sign', '--key-label', 'rsa', ...inputs, '--output-dir', 'sigs', '--json');
    const seconds = (performance.now() - started) / 1000;
    expect(run.status).toBe(0);
    const data = run.json();
    expect(data.signatures).toHaveLength(1000);
    expect(hsm.read('sigs/f999.txt.sig').length).toBe(256);
    expect(cli('verify', '--key-label', 'rsa', '--input', join(dir, 'f500.txt'), '--signature', 'sigs/f500.txt.sig').status).toBe(0);
    console.log(`1,000 RSA-2048 signatures in one run: ${seconds.toFixed(2)} s`);
    expect(seconds).toBeLessThan(6); // ~1 s on an idle machine; generous for a shared CI box
    expect(cli('sign', '--key-label', 'rsa', '--input', 'doc.txt', '--input', 'doc.txt', '--output', 'x.sig').status).toBe(2);
  });

  it('a missing input file: exit 3 before touching the token', () => {
    const run = cli('sign', '--key-label', 'rsa', '--input', 'doc.txt', '--input', 'missing.txt');
    expect(run.status).toBe(3);
    expect(run.stderr).toBe('hsm-cli sign: input file not found: missing.txt\n');
    const verify = cli('verify', '--key-label', 'rsa', '--input', 'doc.txt', '--signature', 'nope.sig', '--json');
    expect(verify.status).toBe(3);
    expect(verify.json().error).toMatchObject({ exit: 'ENVIRONMENT', message: 'input file not found: nope.sig' });
  });

  it('a key label that does not exist: exit 3 with a hint', () => {
    const run = cli('sign', '--key-label', 'nope', '--input', 'doc.txt');
    expect(run.status).toBe(3);
    expect(run.stderr).toContain('no private key labelled "nope" on token "crypto"');
    expect(run.stderr).toContain('--show-similar');
  });
});

describe('encrypt and decrypt', () => {
  it('aes-gcm (default for AES): 12-byte IV first, round trip', () => {
    const enc = cli('encrypt', '--key-label', 'aes', '--input', 'doc.txt', '--output', 'doc.gcm', '--json');
    expect(enc.status).toBe(0);
    expect(enc.json()).toMatchObject({ mechanism: 'aes-gcm', bytes: 12 + 20 + 16 });
    const dec = cli('decrypt', '--key-label', 'aes', '--input', 'doc.gcm', '--output', 'doc.gcm.out');
    expect(dec.stdout).toBe('Decrypted doc.gcm -> doc.gcm.out (20 bytes, aes-gcm, key "aes").\n');
    expect(cli('decrypt', '--key-label', 'aes', '--input', 'doc.gcm', '--output', 'doc.gcm.out', '--json').json()).toMatchObject({ mechanism: 'aes-gcm', bytes: 20 });
    expect(hsm.read('doc.gcm.out').toString()).toBe('the quick brown fox\n');
  });

  it('aes-cbc-pad: 16-byte IV first, round trip', () => {
    const enc = cli('encrypt', '--key-label', 'aes', '--input', 'doc.txt', '--output', 'doc.cbc', '--mechanism', 'aes-cbc-pad');
    expect(enc.stdout).toBe('Encrypted doc.txt -> doc.cbc (48 bytes, aes-cbc-pad, key "aes").\n');
    expect(cli('decrypt', '--key-label', 'aes', '--input', 'doc.cbc', '--output', 'doc.cbc.out', '--mechanism', 'aes-cbc-pad').status).toBe(0);
    expect(hsm.read('doc.cbc.out').toString()).toBe('the quick brown fox\n');
  });

  it('rsa-oaep (default for RSA, SHA-1): public key encrypts, private key decrypts', () => {
    const enc = cli('encrypt', '--key-label', 'rsa', '--input', 'doc.txt', '--output', 'doc.oaep', '--json').json();
    expect(enc).toMatchObject({ mechanism: 'rsa-oaep', bytes: 256 });
    expect(cli('decrypt', '--key-label', 'rsa', '--input', 'doc.oaep', '--output', 'doc.oaep.out').status).toBe(0);
    expect(hsm.read('doc.oaep.out').toString()).toBe('the quick brown fox\n');
  });

  it('an AES mechanism with an RSA key: CKR_KEY_TYPE_INCONSISTENT (0x63) from C_EncryptInit', () => {
    const run = cli('encrypt', '--key-label', 'rsa', '--input', 'doc.txt', '--output', 'x.enc', '--mechanism', 'aes-gcm');
    expect(run.status).toBe(1);
    expectCkr(run, 'CKR_KEY_TYPE_INCONSISTENT', '0x63');
    expect(run.stderr).toContain('C_EncryptInit failed: CKR_KEY_TYPE_INCONSISTENT (0x63)');
    expect(run.stderr).toContain('What to do (encrypt):');
  });

  it('a tampered GCM tag: SoftHSM2 answers CKR_GENERAL_ERROR (0x5), explained in the decrypt context', () => {
    const data = hsm.read('doc.gcm');
    data[data.length - 1] ^= 1;
    hsm.file('bad.gcm', data);
    const run = cli('decrypt', '--key-label', 'aes', '--input', 'bad.gcm', '--output', 'bad.out', '--json');
    expect(run.status).toBe(1);
    expect(run.json().error).toMatchObject({ function: 'C_Decrypt', name: 'CKR_GENERAL_ERROR', value: 5, context: { id: 'decrypt' } });
  });
});

describe('wrap and unwrap', () => {
  it('aes-key-wrap-pad round trip: the unwrapped key decrypts what the original encrypted', () => {
    const wrapped = cli('wrap', '--key-label', 'movable', '--wrapping-key-label', 'kek', '--output', 'movable.wrapped');
    expect(wrapped.status).toBe(0);
    expect(wrapped.stdout).toBe('Wrapped "movable" under "kek" (aes-key-wrap-pad): movable.wrapped (40 bytes).\n');
    const unwrapped = cli('unwrap', '--wrapping-key-label', 'kek', '--input', 'movable.wrapped', '--key-label', 'moved', '--json');
    expect(unwrapped.status).toBe(0);
    expect(unwrapped.json().key).toMatchObject({ CKA_CLASS: 'CKO_SECRET_KEY', CKA_KEY_TYPE: 'CKK_AES', CKA_LABEL: 'moved', CKA_EXTRACTABLE: false });
    expect(cli('encrypt', '--key-label', 'movable', '--input', 'doc.txt', '--output', 'm.enc').status).toBe(0);
    expect(cli('decrypt', '--key-label', 'moved', '--input', 'm.enc', '--output', 'm.out').status).toBe(0);
    expect(hsm.read('m.out').toString()).toBe('the quick brown fox\n');
  });

  it('rsa-oaep wrap to a public key, unwrap with the private key', () => {
    const wrapped = cli('wrap', '--key-label', 'movable', '--wrapping-key-label', 'rsa', '--output', 'rsa.wrapped', '--mechanism', 'rsa-oaep', '--json');
    expect(wrapped.json()).toMatchObject({ key: 'movable', wrappingKey: 'rsa', mechanism: 'rsa-oaep', bytes: 256 });
    expect(hsm.read('rsa.wrapped').length).toBe(256);
    const unwrapped = cli('unwrap', '--wrapping-key-label', 'rsa', '--input', 'rsa.wrapped', '--key-label', 'moved-rsa', '--mechanism', 'rsa-oaep');
    expect(unwrapped.status).toBe(0);
    expect(unwrapped.stdout).toMatch(/^Unwrapped into AES key "moved-rsa" with "rsa" \(rsa-oaep\)\.\n/);
  });

  it('wrapping an unextractable key: CKR_KEY_UNEXTRACTABLE (0x6A) from C_WrapKey', () => {
    const run = cli('wrap', '--key-label', 'aes', '--wrapping-key-label', 'kek', '--output', 'aes.wrapped');
    expect(run.status).toBe(1);
    expectCkr(run, 'CKR_KEY_UNEXTRACTABLE', '0x6A');
    expect(run.stderr).toContain('C_WrapKey failed: CKR_KEY_UNEXTRACTABLE (0x6A)');
    expect(run.stderr).toContain('0x0000006A), decimal 106');
    expect(run.stderr).toContain('What to do (wrap):');
  });

  it('a failed unwrap leaves nothing behind', () => {
    hsm.file('garbage.wrapped', Buffer.alloc(40, 7));
    const run = cli('unwrap', '--wrapping-key-label', 'kek', '--input', 'garbage.wrapped', '--key-label', 'ghost', '--json');
    expect(run.status).toBe(1);
    expect(run.json().error.function).toBe('C_UnwrapKey');
    expect(cli('find-key', '--key-label', 'ghost').status).toBe(3);
  });
});
