/**
 * The CKR categories: the one table of value ranges. Every code's category follows from its value;
 * the validator checks that the reference files each code under the `##` heading of its category.
 *
 * The ranges follow the blocks the specification itself allocates (each family of codes starts at a
 * multiple of 0x10). They never overlap; values between ranges are unassigned.
 */
export interface CkrCategory {
  /** URL slug: `/categories/<slug>/`. Stable: tickets link to it. */
  slug: string;
  /** Short label used in tables and the sidebar. */
  label: string;
  /** The exact `##` heading the reference uses for this category. */
  heading: string;
  /** Lowest value in the range (inclusive). */
  min: number;
  /** Highest value in the range (inclusive). */
  max: number;
  /** One sentence: what the codes of this range have in common. */
  summary: string;
}

export const CATEGORIES: readonly CkrCategory[] = [
  { slug: 'success', label: 'Success', heading: 'Success Codes', min: 0x0, max: 0x0,
    summary: 'The call did what was asked.' },
  { slug: 'general', label: 'General', heading: 'General Errors', min: 0x1, max: 0xf,
    summary: 'Failures not tied to one object: memory, slots, arguments, threading and unspecified errors.' },
  { slug: 'attribute', label: 'Attribute', heading: 'Attribute Errors', min: 0x10, max: 0x1f,
    summary: 'An attribute in a template or query is read-only, sensitive, unknown or has a bad value, or the object forbids the action.' },
  { slug: 'data', label: 'Data', heading: 'Data Errors', min: 0x20, max: 0x2f,
    summary: 'The plaintext or data handed to a cryptographic operation is malformed or of the wrong length.' },
  { slug: 'device', label: 'Device', heading: 'Device Errors', min: 0x30, max: 0x3f,
    summary: 'The token or its connection failed, ran out of memory or went away.' },
  { slug: 'encrypted-data', label: 'Encrypted data', heading: 'Encrypted Data Errors', min: 0x40, max: 0x4f,
    summary: 'The ciphertext handed to a decryption is corrupt, of the wrong length, or fails its authentication tag.' },
  { slug: 'function', label: 'Function', heading: 'Function Errors', min: 0x50, max: 0x5f,
    summary: 'The function was cancelled, cannot run in parallel, or is not implemented by the library.' },
  { slug: 'key', label: 'Key', heading: 'Key Errors', min: 0x60, max: 0x6f,
    summary: 'The key handle, key size, key type or key usage does not fit the operation.' },
  { slug: 'mechanism', label: 'Mechanism', heading: 'Mechanism Errors', min: 0x70, max: 0x7f,
    summary: 'The mechanism or its parameters are unknown to the token or wrong for the call.' },
  { slug: 'object', label: 'Object', heading: 'Object Errors', min: 0x80, max: 0x8f,
    summary: 'An object handle does not name an object the session can see.' },
  { slug: 'operation', label: 'Operation', heading: 'Operation Errors', min: 0x90, max: 0x9f,
    summary: 'The session\'s operation state is wrong: one is already running, or none was started.' },
  { slug: 'pin', label: 'PIN', heading: 'PIN Errors', min: 0xa0, max: 0xaf,
    summary: 'A PIN is wrong, malformed, of bad length, expired or locked.' },
  { slug: 'session', label: 'Session', heading: 'Session Errors', min: 0xb0, max: 0xbf,
    summary: 'Session handles, counts, read-only/read-write state and the sessions that block token-wide actions.' },
  { slug: 'signature', label: 'Signature', heading: 'Signature Errors', min: 0xc0, max: 0xcf,
    summary: 'A signature did not verify or has the wrong length.' },
  { slug: 'template', label: 'Template', heading: 'Template Errors', min: 0xd0, max: 0xdf,
    summary: 'An object template lacks a required attribute or contradicts itself.' },
  { slug: 'token', label: 'Token', heading: 'Token Errors', min: 0xe0, max: 0xef,
    summary: 'The token is absent, unrecognised or write-protected.' },
  { slug: 'unwrapping-key', label: 'Unwrapping key', heading: 'Unwrapping Key Errors', min: 0xf0, max: 0xff,
    summary: 'The key used to unwrap is invalid, of the wrong size or of the wrong type.' },
  { slug: 'user', label: 'User', heading: 'User Errors', min: 0x100, max: 0x10f,
    summary: 'Login state: nobody, somebody else, or too many user types are logged in, or the user PIN is not set.' },
  { slug: 'wrapping', label: 'Wrapping', heading: 'Wrapping Errors', min: 0x110, max: 0x11f,
    summary: 'The wrapped key blob or the wrapping key does not fit the wrap or unwrap.' },
  { slug: 'random', label: 'Random', heading: 'Random Number Errors', min: 0x120, max: 0x12f,
    summary: 'The token cannot be seeded or has no random number generator.' },
  { slug: 'domain-parameters', label: 'Domain parameters', heading: 'Domain Parameter Errors', min: 0x130, max: 0x14f,
    summary: 'Domain parameters or the elliptic curve are invalid or not supported.' },
  { slug: 'buffer-state', label: 'Buffer & state', heading: 'Buffer & State Errors', min: 0x150, max: 0x18f,
    summary: 'Output buffers that are too small, and saved operation state that is invalid or cannot be saved.' },
  { slug: 'library', label: 'Library', heading: 'Library Initialization Errors', min: 0x190, max: 0x19f,
    summary: 'C_Initialize was not called, or was called twice.' },
  { slug: 'mutex', label: 'Mutex', heading: 'Mutex Errors', min: 0x1a0, max: 0x1af,
    summary: 'Returned by the application\'s own mutex callbacks, not by the token.' },
  { slug: 'otp-policy', label: 'OTP & policy', heading: 'OTP, Self-Test & Policy Errors', min: 0x1b0, max: 0x1bf,
    summary: 'One-time-password modes, FIPS self-tests, library loading, PIN strength and public-key checks.' },
  { slug: 'rejection', label: 'Rejection & v3', heading: 'Rejection, Resource & Async Errors', min: 0x200, max: 0x2ff,
    summary: 'The token refused the request, ran out of a resource, or reports an asynchronous or validation state (mostly v3.x codes).' },
  { slug: 'vendor', label: 'Vendor', heading: 'Vendor-Specific Errors', min: 0x80000000, max: 0xffffffff,
    summary: 'Codes from CKR_VENDOR_DEFINED (0x80000000) up are the vendor\'s own: their meaning is in the vendor\'s manual.' },
];

/** The category whose range holds `value`, or undefined for an unassigned value. */
export function categoryOfValue(value: number): CkrCategory | undefined {
  for (const category of CATEGORIES) {
    if (value >= category.min && value <= category.max) return category;
  }
  return undefined;
}

export function categoryBySlug(slug: string): CkrCategory | undefined {
  return CATEGORIES.find((c) => c.slug === slug);
}

export function categoryByHeading(heading: string): CkrCategory | undefined {
  const wanted = heading.trim().toLowerCase();
  return CATEGORIES.find((c) => c.heading.toLowerCase() === wanted);
}
