/**
 * The mechanisms hsm-cli offers by short name (sign/verify, encrypt/decrypt, wrap/unwrap) and how each
 * becomes a PKCS#11 CK_MECHANISM. The names are static data for the definitions; the numbers come from
 * the module's constants (token.ts) only when a command runs.
 *
 * SoftHSM2 2.6 has no CKM_ECDSA_SHA256/384: ecdsa-sha256/384 hash in Node and sign with CKM_ECDSA.
 * Its RSA-OAEP accepts SHA-1 only (SHA-256 parameters give CKR_ARGUMENTS_BAD), so rsa-oaep is OAEP-SHA1.
 */
import type { OptionDefinition } from './definition.ts';
import type { Mechanism, Token } from './token.ts';
import { CliError } from './errors.ts';

interface SignMechanism {
  ckm: string;
  /** Hash the input in Node first (the token signs the digest). */
  prehash?: 'sha256' | 'sha384';
  pss?: { hash: string; mgf: string; saltLength: number };
}

export const SIGN_MECHANISMS: Readonly<Record<string, SignMechanism>> = {
  'sha256-rsa-pkcs': { ckm: 'CKM_SHA256_RSA_PKCS' },
  'sha384-rsa-pkcs': { ckm: 'CKM_SHA384_RSA_PKCS' },
  'sha512-rsa-pkcs': { ckm: 'CKM_SHA512_RSA_PKCS' },
  'sha256-rsa-pss': { ckm: 'CKM_SHA256_RSA_PKCS_PSS', pss: { hash: 'CKM_SHA256', mgf: 'CKG_MGF1_SHA256', saltLength: 32 } },
  'ecdsa-sha256': { ckm: 'CKM_ECDSA', prehash: 'sha256' },
  'ecdsa-sha384': { ckm: 'CKM_ECDSA', prehash: 'sha384' },
  ecdsa: { ckm: 'CKM_ECDSA' },
};

export const SIGN_MECHANISM_HELP =
  'sha256-rsa-pkcs (RSA default), sha384-rsa-pkcs, sha512-rsa-pkcs, sha256-rsa-pss, ecdsa-sha256 (EC default), ' +
  'ecdsa-sha384, ecdsa (input is a digest), or any CKM_* name (case-insensitive)';

export const CIPHERS = ['aes-gcm', 'aes-cbc-pad', 'rsa-oaep'] as const;
export const WRAP_MECHANISMS = ['aes-key-wrap-pad', 'aes-key-wrap', 'rsa-oaep'] as const;
export type Cipher = (typeof CIPHERS)[number];
export type WrapMechanism = (typeof WRAP_MECHANISMS)[number];

/** sign and verify. */
export const SIGN_MECHANISM: OptionDefinition = {
  name: 'mechanism',
  type: 'string',
  description: `Signature mechanism (default by key type): ${SIGN_MECHANISM_HELP}.`,
  placeholder: '<mechanism>',
};
/** encrypt and decrypt. */
export const CIPHER: OptionDefinition = { name: 'mechanism', type: 'string', description: 'Cipher (default by key type).', choices: CIPHERS, placeholder: '<mechanism>' };
/** wrap and unwrap. */
export const WRAP_MECHANISM: OptionDefinition = {
  name: 'mechanism',
  type: 'string',
  description: 'Wrapping mechanism.',
  choices: WRAP_MECHANISMS,
  default: 'aes-key-wrap-pad',
  placeholder: '<mechanism>',
};

/** Bytes of IV each cipher prepends to its output. */
export const IV_LENGTH: Readonly<Record<Cipher, number>> = { 'aes-gcm': 12, 'aes-cbc-pad': 16, 'rsa-oaep': 0 };

/** A mechanism ready for C_SignInit/C_VerifyInit, and how to turn an input into the data to sign. */
export interface PreparedSign {
  name: string;
  mechanism: Mechanism;
  data: (input: Buffer) => Buffer;
}

function constantOf(t: Token, name: string): number {
  const value = t.constant(name);
  if (value === undefined) throw new CliError('USAGE', `unknown mechanism ${name}`, `use one of: ${SIGN_MECHANISM_HELP}`);
  return value;
}

const keyTypeOf = (t: Token, keyType: number): 'rsa' | 'ec' | undefined =>
  keyType === t.C.CKK_RSA ? 'rsa' : keyType === t.C.CKK_EC ? 'ec' : undefined;

/** `requested` as given by --mechanism (or the default for the key type). */
export function prepareSign(t: Token, requested: string | undefined, keyType: number): PreparedSign {
  const kind = keyTypeOf(t, keyType);
  const name = requested ?? (kind === 'rsa' ? 'sha256-rsa-pkcs' : kind === 'ec' ? 'ecdsa-sha256' : undefined);
  if (name === undefined) throw new CliError('USAGE', `no default mechanism for key type ${t.name('CKK_', keyType)}`, 'pass --mechanism');
  if (/^ckm_/i.test(name)) {
    return { name: name.toUpperCase(), mechanism: { mechanism: constantOf(t, name) }, data: (input) => input };
  }
  const known = SIGN_MECHANISMS[name.toLowerCase()];
  if (!known) throw new CliError('USAGE', `unknown mechanism "${name}"`, `use one of: ${SIGN_MECHANISM_HELP}`);
  const mechanism: Mechanism = { mechanism: constantOf(t, known.ckm) };
  if (known.pss) {
    mechanism.parameter = {
      type: t.C.CK_PARAMS_RSA_PSS,
      hashAlg: constantOf(t, known.pss.hash),
      mgf: constantOf(t, known.pss.mgf),
      saltLen: known.pss.saltLength,
    } as Mechanism['parameter'];
  }
  const { prehash } = known;
  return {
    name: name.toLowerCase(),
    mechanism,
    data: prehash ? (input) => process.getBuiltinModule('node:crypto').createHash(prehash).update(input).digest() : (input) => input,
  };
}

/** OAEP with SHA-1/MGF1-SHA1 and no label (CKZ_DATA_SPECIFIED = 1, empty): what SoftHSM2 accepts. */
const oaep = (t: Token): Mechanism => ({
  mechanism: t.C.CKM_RSA_PKCS_OAEP,
  parameter: { type: t.C.CK_PARAMS_RSA_OAEP, hashAlg: t.C.CKM_SHA_1, mgf: t.C.CKG_MGF1_SHA1, source: 1 } as Mechanism['parameter'],
});

export function cipherMechanism(t: Token, cipher: Cipher, iv: Buffer): Mechanism {
  switch (cipher) {
    case 'aes-gcm':
      return {
        mechanism: t.C.CKM_AES_GCM,
        parameter: { type: t.C.CK_PARAMS_AES_GCM, iv, ivBits: iv.length * 8, tagBits: 128 } as Mechanism['parameter'],
      };
    case 'aes-cbc-pad':
      return { mechanism: t.C.CKM_AES_CBC_PAD, parameter: iv };
    case 'rsa-oaep':
      return oaep(t);
  }
}

export function wrapMechanism(t: Token, name: WrapMechanism): Mechanism {
  switch (name) {
    case 'aes-key-wrap-pad':
      return { mechanism: t.C.CKM_AES_KEY_WRAP_PAD };
    case 'aes-key-wrap':
      return { mechanism: t.C.CKM_AES_KEY_WRAP };
    case 'rsa-oaep':
      return oaep(t);
  }
}

/** Default cipher for a key: AES keys get aes-gcm, RSA keys rsa-oaep. */
export function defaultCipher(t: Token, keyType: number): Cipher {
  if (keyType === t.C.CKK_AES) return 'aes-gcm';
  if (keyType === t.C.CKK_RSA) return 'rsa-oaep';
  throw new CliError('USAGE', `no cipher for key type ${t.name('CKK_', keyType)}`, `pass --mechanism ${CIPHERS.join('|')}`);
}
