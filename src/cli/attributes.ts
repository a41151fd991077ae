/**
 * The CKA_* attributes hsm-cli reads (inspect-key, list-objects --detailed, diff-keys) and how each
 * value is shown. Pure: the numeric constants and the name tables come from token.ts at run time.
 */

export type AttributeKind =
  | 'bool'
  | 'ulong'
  | 'string'
  | 'hex'
  | 'class'
  | 'keyType'
  | 'mechanism'
  | 'curve'
  | 'date'
  /** Key material: shown as its length only, even when the token lets us read it. */
  | 'secret';

export interface AttributeSpec {
  name: string;
  kind: AttributeKind;
}

/** In display order. Attributes the token does not know or refuses to reveal are skipped. */
export const ATTRIBUTES: readonly AttributeSpec[] = [
  { name: 'CKA_CLASS', kind: 'class' },
  { name: 'CKA_KEY_TYPE', kind: 'keyType' },
  { name: 'CKA_LABEL', kind: 'string' },
  { name: 'CKA_ID', kind: 'hex' },
  { name: 'CKA_TOKEN', kind: 'bool' },
  { name: 'CKA_PRIVATE', kind: 'bool' },
  { name: 'CKA_MODIFIABLE', kind: 'bool' },
  { name: 'CKA_COPYABLE', kind: 'bool' },
  { name: 'CKA_DESTROYABLE', kind: 'bool' },
  { name: 'CKA_LOCAL', kind: 'bool' },
  { name: 'CKA_KEY_GEN_MECHANISM', kind: 'mechanism' },
  { name: 'CKA_START_DATE', kind: 'date' },
  { name: 'CKA_END_DATE', kind: 'date' },
  { name: 'CKA_ENCRYPT', kind: 'bool' },
  { name: 'CKA_DECRYPT', kind: 'bool' },
  { name: 'CKA_SIGN', kind: 'bool' },
  { name: 'CKA_SIGN_RECOVER', kind: 'bool' },
  { name: 'CKA_VERIFY', kind: 'bool' },
  { name: 'CKA_VERIFY_RECOVER', kind: 'bool' },
  { name: 'CKA_WRAP', kind: 'bool' },
  { name: 'CKA_UNWRAP', kind: 'bool' },
  { name: 'CKA_DERIVE', kind: 'bool' },
  { name: 'CKA_SENSITIVE', kind: 'bool' },
  { name: 'CKA_ALWAYS_SENSITIVE', kind: 'bool' },
  { name: 'CKA_EXTRACTABLE', kind: 'bool' },
  { name: 'CKA_NEVER_EXTRACTABLE', kind: 'bool' },
  { name: 'CKA_TRUSTED', kind: 'bool' },
  { name: 'CKA_WRAP_WITH_TRUSTED', kind: 'bool' },
  { name: 'CKA_ALWAYS_AUTHENTICATE', kind: 'bool' },
  { name: 'CKA_MODULUS_BITS', kind: 'ulong' },
  { name: 'CKA_MODULUS', kind: 'hex' },
  { name: 'CKA_PUBLIC_EXPONENT', kind: 'hex' },
  { name: 'CKA_EC_PARAMS', kind: 'curve' },
  { name: 'CKA_EC_POINT', kind: 'hex' },
  { name: 'CKA_VALUE_LEN', kind: 'ulong' },
  { name: 'CKA_VALUE', kind: 'secret' },
  { name: 'CKA_CHECK_VALUE', kind: 'hex' },
  { name: 'CKA_SUBJECT', kind: 'hex' },
  { name: 'CKA_APPLICATION', kind: 'string' },
];

/** The short list `list-objects --detailed` shows. */
export const SUMMARY_ATTRIBUTES = [
  'CKA_CLASS', 'CKA_KEY_TYPE', 'CKA_LABEL', 'CKA_ID', 'CKA_PRIVATE', 'CKA_SENSITIVE', 'CKA_EXTRACTABLE',
  'CKA_SIGN', 'CKA_VERIFY', 'CKA_ENCRYPT', 'CKA_DECRYPT', 'CKA_WRAP', 'CKA_UNWRAP', 'CKA_DERIVE',
  'CKA_MODULUS_BITS', 'CKA_VALUE_LEN', 'CKA_EC_PARAMS',
] as const;

/** DER OIDs of the named curves gen-keypair makes (CKA_EC_PARAMS). */
export const CURVES: Readonly<Record<string, { oid: string; der: string; bits: number }>> = {
  p256: { oid: '1.2.840.10045.3.1.7', der: '06082a8648ce3d030107', bits: 256 },
  p384: { oid: '1.3.132.0.34', der: '06052b81040022', bits: 384 },
  p521: { oid: '1.3.132.0.35', der: '06052b81040023', bits: 521 },
};

export type AttributeValue = boolean | number | string | null;

/** Names for CKO_/CKK_/CKM_ values (from the module's constants). */
export interface NameTables {
  name(prefix: 'CKO_' | 'CKK_' | 'CKM_', value: number): string;
}

/** A CK_ULONG attribute value (8 bytes little-endian on 64-bit Linux). */
export const ulong = (buffer: Buffer): number =>
  buffer.length >= 8 ? Number(buffer.readBigUInt64LE(0)) : buffer.length >= 4 ? buffer.readUInt32LE(0) : buffer[0] ?? 0;

/** A raw attribute value (a Buffer from C_GetAttributeValue, or a string for dates) for display and JSON. */
export function decodeAttribute(kind: AttributeKind, raw: unknown, names: NameTables): AttributeValue {
  if (raw === undefined || raw === null) return null;
  if (typeof raw === 'string') return raw;
  if (!Buffer.isBuffer(raw)) return String(raw);
  switch (kind) {
    case 'bool':
      return raw.length > 0 && raw[0] !== 0;
    case 'ulong':
      return ulong(raw);
    case 'string':
      return raw.toString('utf8');
    case 'class':
      return names.name('CKO_', ulong(raw));
    case 'keyType':
      return names.name('CKK_', ulong(raw));
    case 'mechanism':
      return names.name('CKM_', ulong(raw));
    case 'curve': {
      const hex = raw.toString('hex');
      const curve = Object.entries(CURVES).find(([, c]) => c.der === hex);
      return curve ? `${curve[0]} (${curve[1].oid})` : hex;
    }
    case 'date':
      return raw.toString('ascii');
    case 'secret':
      return `(${raw.length} bytes, not shown)`;
    case 'hex':
      return raw.toString('hex');
  }
}

/** One line for a value: booleans as true/false, long hex cut in the middle. */
export function showAttribute(value: AttributeValue): string {
  if (value === null) return '(unavailable)';
  const text = String(value);
  return /^[0-9a-f]{65,}$/.test(text) ? `${text.slice(0, 32)}…${text.slice(-16)} (${text.length / 2} bytes)` : text;
}
