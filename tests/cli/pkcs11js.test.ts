/**
 * src/cli/pkcs11js.ts (pkcs11js's native binding with the API of its index.js) against pkcs11js's index.js,
 * call by call, in one process on a SoftHSM2 token: both load the same binding and the same SoftHSM2, so a
 * session opened through one is valid through the other, and deterministic outputs must be equal bytes.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadNativePkcs11js } from '../../src/cli/pkcs11js.ts';
import { toCkrFailure } from '../../src/cli/token.ts';
import { CkrFailure } from '../../src/cli/errors.ts';
import { createHsm, MODULE, USER_PIN, type Hsm } from './helpers/softhsm.ts';

type Pkcs11js = typeof import('pkcs11js');
const index = createRequire(import.meta.url)('pkcs11js') as Pkcs11js;
const ours = loadNativePkcs11js();
const C = index;

let hsm: Hsm;
let a: InstanceType<Pkcs11js['PKCS11']>; // ours
let b: InstanceType<Pkcs11js['PKCS11']>; // index.js
let session: Buffer;
let rsa: { publicKey: Buffer; privateKey: Buffer };
let aes: Buffer;
const DATA = Buffer.from('ckr.ref compares pkcs11js.ts with pkcs11js index.js');
const IV = Buffer.alloc(16, 7);

beforeAll(async () => {
  hsm = createHsm();
  hsm.token('adapter');
  process.env.SOFTHSM2_CONF = hsm.env.SOFTHSM2_CONF;
  a = new ours.PKCS11(MODULE);
  b = new index.PKCS11();
  b.load(MODULE);
  a.C_Initialize();
  const slot = a.C_GetSlotList(true).find((s) => a.C_GetTokenInfo(s).label.trim() === 'adapter');
  if (!slot) throw new Error('no token "adapter"');
  session = a.C_OpenSession(slot, C.CKF_SERIAL_SESSION | C.CKF_RW_SESSION);
  a.C_Login(session, C.CKU_USER, USER_PIN);
  rsa = await a.C_GenerateKeyPairAsync(
    session,
    { mechanism: C.CKM_RSA_PKCS_KEY_PAIR_GEN },
    [
      { type: C.CKA_MODULUS_BITS, value: 2048 },
      { type: C.CKA_PUBLIC_EXPONENT, value: Buffer.from([1, 0, 1]) },
      { type: C.CKA_VERIFY, value: true },
    ],
    [
      { type: C.CKA_SIGN, value: true },
      { type: C.CKA_EXTRACTABLE, value: true },
      { type: C.CKA_LABEL, value: 'adapter-rsa' },
    ],
  );
  aes = a.C_GenerateKey(session, { mechanism: C.CKM_AES_KEY_GEN }, [
    { type: C.CKA_VALUE_LEN, value: 32 },
    { type: C.CKA_ENCRYPT, value: true },
    { type: C.CKA_DECRYPT, value: true },
    { type: C.CKA_WRAP, value: true },
    { type: C.CKA_EXTRACTABLE, value: true },
  ]);
}, 60_000);

afterAll(() => {
  try {
    a?.C_Logout(session);
    a?.C_CloseSession(session);
    a?.C_Finalize();
  } finally {
    hsm?.cleanup();
  }
});

const sign = (p: typeof a) => {
  p.C_SignInit(session, { mechanism: C.CKM_SHA256_RSA_PKCS }, rsa.privateKey);
  return p.C_Sign(session, DATA, Buffer.alloc(1024));
};

describe('src/cli/pkcs11js.ts has the API of pkcs11js index.js', () => {
  it('has every constant of index.js, with the same value, listed by for...in, and no copy of them', () => {
    const theirs = Object.keys(index).filter((k) => typeof (index as unknown as Record<string, unknown>)[k] === 'number');
    const listed: string[] = [];
    for (const key in ours) if (typeof (ours as unknown as Record<string, unknown>)[key] === 'number') listed.push(key);
    expect(theirs.length).toBeGreaterThan(600);
    expect(listed.sort()).toEqual(theirs.sort());
    for (const key of theirs) expect((ours as unknown as Record<string, unknown>)[key]).toBe((index as unknown as Record<string, unknown>)[key]);
    expect(Object.keys(ours)).toEqual(['PKCS11']);
  });

  it('C_Sign returns the output buffer cut to the signature, the same bytes as index.js', () => {
    const mine = sign(a);
    expect(Buffer.isBuffer(mine)).toBe(true);
    expect(mine.length).toBe(256);
    expect(mine.equals(sign(b))).toBe(true);
  });

  it('C_SignAsync and the callback form give the same cut signature', async () => {
    const expected = sign(b);
    a.C_SignInit(session, { mechanism: C.CKM_SHA256_RSA_PKCS }, rsa.privateKey);
    expect((await a.C_SignAsync(session, DATA, Buffer.alloc(1024))).equals(expected)).toBe(true);
    a.C_SignInit(session, { mechanism: C.CKM_SHA256_RSA_PKCS }, rsa.privateKey);
    const viaCallback = await new Promise<Buffer>((resolve, reject) =>
      a.C_Sign(session, DATA, Buffer.alloc(1024), (error, value) => (error ? reject(error) : resolve(value))),
    );
    expect(viaCallback.equals(expected)).toBe(true);
    a.C_VerifyInit(session, { mechanism: C.CKM_SHA256_RSA_PKCS }, rsa.publicKey);
    expect(await a.C_VerifyAsync(session, DATA, expected)).toBe(true);
  });

  it('C_Encrypt, C_Decrypt and C_WrapKey are cut to their lengths, as index.js cuts them', () => {
    const cbc = { mechanism: C.CKM_AES_CBC_PAD, parameter: IV };
    const run = (p: typeof a) => {
      p.C_EncryptInit(session, cbc, aes);
      const encrypted = p.C_Encrypt(session, DATA, Buffer.alloc(1024));
      p.C_DecryptInit(session, cbc, aes);
      const decrypted = p.C_Decrypt(session, encrypted, Buffer.alloc(1024));
      const wrapped = p.C_WrapKey(session, { mechanism: C.CKM_AES_KEY_WRAP_PAD }, aes, rsa.privateKey, Buffer.alloc(4096));
      return { encrypted, decrypted, wrapped };
    };
    const mine = run(a);
    const theirs = run(b);
    expect(mine.encrypted.length).toBe(Math.ceil((DATA.length + 1) / 16) * 16);
    expect(mine.decrypted.equals(DATA)).toBe(true);
    expect(mine.encrypted.equals(theirs.encrypted)).toBe(true);
    expect(mine.wrapped.length).toBeGreaterThan(1000);
    expect(mine.wrapped.length % 8).toBe(0);
    expect(mine.wrapped.equals(theirs.wrapped)).toBe(true);
  });

  it('C_FindObjects without a count returns one handle or null', () => {
    const find = (label: string) => {
      a.C_FindObjectsInit(session, [{ type: C.CKA_LABEL, value: label }]);
      const found = a.C_FindObjects(session);
      a.C_FindObjectsFinal(session);
      return found;
    };
    expect(find('adapter-rsa')?.equals(rsa.privateKey)).toBe(true);
    expect(find('no such label')).toBeNull();
  });

  it('C_CreateObject takes a Date for CKA_START_DATE, as index.js does', () => {
    const template = () => [
      { type: C.CKA_CLASS, value: C.CKO_SECRET_KEY },
      { type: C.CKA_KEY_TYPE, value: C.CKK_AES },
      { type: C.CKA_VALUE, value: Buffer.alloc(16, 1) },
      { type: C.CKA_START_DATE, value: new Date('2026-01-02T12:00:00Z') },
    ];
    // (Handed a Date, the bare binding aborts the whole process: SIGABRT. So no test calls it with one.)
    for (const p of [a, b]) {
      const handle = p.C_CreateObject(session, template());
      expect(a.C_GetAttributeValue(session, handle, [{ type: C.CKA_VALUE_LEN }])[0].value).toEqual(Buffer.from([16, 0, 0, 0, 0, 0, 0, 0]));
      p.C_DestroyObject(session, handle);
    }
  });

  it('fails as the binding fails: `CKR_NAME:decimal` (a CkrFailure for token.ts), or a TypeError', () => {
    let error: unknown;
    try {
      a.C_GetTokenInfo(Buffer.alloc(8, 0x55));
    } catch (e) {
      error = e;
    }
    expect((error as Error).message).toMatch(/^CKR_SLOT_ID_INVALID:3\b/);
    expect(toCkrFailure(error, 'C_GetTokenInfo')).toEqual(new CkrFailure('C_GetTokenInfo', 3));
    expect(() => a.C_Login(5 as unknown as Buffer, C.CKU_USER, 'x')).toThrow(TypeError);
    // An Async call rejects with the binding's error too.
    a.C_SignInit(session, { mechanism: C.CKM_SHA256_RSA_PKCS }, rsa.privateKey);
    return expect(a.C_SignAsync(session, DATA, Buffer.alloc(8))).rejects.toThrow(/CKR_BUFFER_TOO_SMALL:336|CKR_/);
  });
});
