/**
 * The CKR lookup: one input box, any fragment of an error, one step to the right code.
 *
 * Pure and dependency-free: it runs in the browser lookup box, on `/lookup/?q=`, in the 404 page and
 * in `hsm-cli explain-error`. createLookup does all the indexing once; the returned function does
 * little allocation and bounded work on any input (1 MB strings, control characters, lone
 * surrogates, HTML payloads): it never throws and never repeats more of the input than the token it
 * recognised (at most MAX_ECHO characters, in `line.text`). Messages never contain input text.
 *
 * Order of work for one input (cheapest and most certain first):
 *   1. the whole input as a name in any spelling (`CKR_PIN_INCORRECT`, `pin incorrect`,
 *      `PIN-INCORRECT`, `PinIncorrect`, python-pkcs11 class names) or as a number;
 *   2. the input as an error line: one linear pass over [A-Za-z0-9_] runs, each looked up by hash
 *      (CKR_ names, `CKR_X:160` and `CKR_X (0xa0)` pairs, CamelCase variants, SNAKE names, the
 *      words that identify a stack), numbers kept only when marked, then OpenSSL reason fields and
 *      known message texts (p11-kit, libp11, the spec's descriptions that cryptoki prints). Texts
 *      over SCAN_WINDOW are read as head + tail;
 *   3. word search (`pin` -> the PIN codes), then a bounded edit-distance typo match.
 *
 * Numbers. Whole input: `0x`/`0X` prefix, `h` suffix or any A-F digit means hex; all-digit strings
 * are decimal (`160`, `100`) unless zero-padded or 8/16 digits wide (`000000A0`, `0100`, `80000001`:
 * the widths hex is printed in). The other reading of an all-digit string is returned in
 * `alternatives` when it is a code too (`100` -> KEY_NOT_NEEDED, alternative hex 0x100
 * USER_ALREADY_LOGGED_IN). Negative decimals are 32-bit values printed signed. Inside a line, a
 * number counts only after a marker (`rv=`, `rv =`, `ret`, `rc`, `code`, `error`, `status`,
 * `returned`, `CK_RV`, `pkcs11:`, `...Exception:`, a CKR_ name), or as explicit `0x` hex that does
 * not follow a word naming something else (`hSession=0x1`, `slot 0x2`, `CKM_... (0x1)`). Plain
 * decimals in a line (times, PIDs, line numbers) never decide a result.
 */

import { hexPadded, hexShort } from '../reference/values.ts';

export { hexPadded, hexShort };

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

export interface LookupCode {
  name: string;
  value: number;
  meaning: string;
  category?: string;
}

export interface LookupHistorical {
  name: string;
  value: number;
  status: 'removed' | 'draft-only' | 'wrong-value';
  note: string;
  /** The spec code to use instead, when there is one. */
  seeAlso?: string;
}

export interface LookupIndex {
  codes: readonly LookupCode[];
  historical: readonly LookupHistorical[];
}

/** How the input (or the part of it that decided the result) was read. */
export type MatchedBy =
  /** A code name in any spelling: `CKR_PIN_INCORRECT`, `pin incorrect`, `PIN-INCORRECT`, `PinIncorrect`. */
  | 'name'
  /** A library's own spelling of a name (python-pkcs11 `FunctionCancelled`, `TokenNotRecognised`...). */
  | 'alias'
  | 'hex'
  | 'decimal'
  /** A negative decimal: a 32-bit CK_RV printed as a signed int (`-2147483647` = 0x80000001). */
  | 'signed-decimal'
  /** Found inside a longer text (an error line, a stack trace); see `line` for what was found. */
  | 'error-line'
  /** Words of a name (`pin locked`, `incorrect`). */
  | 'words'
  /** A near miss of a name (bounded edit distance); always `suggestion: true`. */
  | 'typo';

/** The library or tool whose output format was recognised in an error line. */
export type ErrorStack =
  | 'pkcs11js'
  | 'sunpkcs11'
  | 'miekg-pkcs11'
  | 'cryptoki'
  | 'python-pkcs11'
  | 'opensc'
  | 'p11-kit'
  | 'openssl';

/** What kind of token inside an error line decided the result. */
export type LineToken =
  /** `CKR_PIN_INCORRECT`, `PIN_INCORRECT` */
  | 'name'
  /** `PinIncorrect` (cryptoki RvError variant, python-pkcs11 exception class) */
  | 'camel-case'
  /** `CKR_VENDOR_DEFINED:2147483905` (pkcs11js), `CKR_PIN_INCORRECT (0xa0)`: a name with its value */
  | 'pair'
  | 'hex'
  | 'decimal'
  | 'signed-decimal'
  /** A known message text (p11-kit, libp11/OpenSSL, the spec's description printed by cryptoki). */
  | 'message';

export interface LineMatch {
  token: LineToken;
  /** The recognised part of the input, at most MAX_ECHO characters. */
  text: string;
  stack?: ErrorStack;
}

/** The other reading of an ambiguous number (`100`: decimal 100 vs hex 0x100), when it means something. */
export interface LookupAlternative {
  reading: 'hex' | 'decimal';
  kind: 'code' | 'historical' | 'vendor';
  value: number;
  /** `0x00000100` */
  hex: string;
  code?: LookupCode;
  historical?: LookupHistorical;
  message: string;
}

interface ResultCommon {
  matchedBy: MatchedBy;
  /** true when the result is a guess ("did you mean"): typos, partial words. */
  suggestion: boolean;
  /** Set when the result came from inside a longer text. */
  line?: LineMatch;
  /** Other readings of the input that are also codes (never the primary reading). */
  alternatives: readonly LookupAlternative[];
  /** One line for plain output (CLI, screen readers). Never contains input text. */
  message: string;
  /** Extra context, e.g. that pkcs11js labels codes it does not know CKR_VENDOR_DEFINED. */
  note?: string;
}

export interface CodeResult extends ResultCommon {
  kind: 'code';
  code: LookupCode;
  /** `0x000000A0` */
  hex: string;
  /** Edit distance, for `matchedBy: 'typo'`. */
  distance?: number;
  /** Historical entries about this code: its p11-kit wrong value, the draft name it replaced. */
  historical: readonly LookupHistorical[];
}

export interface VendorResult extends ResultCommon {
  kind: 'vendor';
  value: number;
  hex: string;
  /** value - CKR_VENDOR_DEFINED (0x80000000) */
  offset: number;
  /** `0x101` */
  offsetHex: string;
  /** The CKR_VENDOR_DEFINED code (absent only if the index lacks it). */
  vendorDefined?: LookupCode;
}

export interface HistoricalResult extends ResultCommon {
  kind: 'historical';
  entry: LookupHistorical;
  value: number;
  hex: string;
  /** The code to read instead (`entry.seeAlso` resolved). */
  seeAlso?: LookupCode;
  /** The spec code that holds this value today, if any (none for every current historical value). */
  codeAtValue?: LookupCode;
  /** Nearest spec codes around the value, when the spec assigns nothing there. */
  below?: LookupCode;
  above?: LookupCode;
  distance?: number;
}

export interface UnassignedResult extends ResultCommon {
  kind: 'unassigned';
  value: number;
  hex: string;
  /** Nearest spec code below the value (absent below CKR_OK, never happens) and above it. */
  below?: LookupCode;
  above?: LookupCode;
}

export interface LookupCandidate {
  name: string;
  value: number;
  hex: string;
  /** Exactly one of code / historical is set. */
  code?: LookupCode;
  historical?: LookupHistorical;
  matchedBy: MatchedBy;
  suggestion: boolean;
  /** Why this candidate is listed, e.g. `name contains PIN`, `named in the line`. */
  reason: string;
  distance?: number;
}

export interface CandidatesResult {
  kind: 'candidates';
  /** Ranked, best first; at most MAX_CANDIDATES. */
  candidates: readonly LookupCandidate[];
  /** How many matched before the list was cut to MAX_CANDIDATES. */
  total: number;
  matchedBy: MatchedBy;
  suggestion: boolean;
  line?: LineMatch;
  message: string;
}

export type NoneReason =
  | 'empty'
  | 'not-a-string'
  | 'out-of-range'
  | 'unrecognised'
  /** A text with numbers, none of them marked as a return value (no `0x`, `rv=`, `code`...). */
  | 'unmarked-numbers';

export interface NoneResult {
  kind: 'none';
  reason: NoneReason;
  message: string;
}

export type LookupResult =
  | CodeResult
  | CandidatesResult
  | VendorResult
  | HistoricalResult
  | UnassignedResult
  | NoneResult;

export type LookupKind = LookupResult['kind'];

export const LOOKUP_KINDS: readonly LookupKind[] = ['code', 'candidates', 'vendor', 'historical', 'unassigned', 'none'];

export const CKR_VENDOR_DEFINED_VALUE = 0x80000000;
/** Longest piece of input a result ever repeats. */
export const MAX_ECHO = 80;
export const MAX_CANDIDATES = 12;
/** Inputs longer than this are scanned as head + tail windows only. */
export const SCAN_WINDOW = 48 * 1024;
const SCAN_HEAD = 32 * 1024;
const SCAN_TAIL = 16 * 1024;
/** Inputs up to this length get the fast paths (a number or a name, whole). */
const FAST_MAX = 64;
/** Word search and typo matching only look at inputs up to this length. */
const WORDS_MAX = 96;
/** Phrase search looks at this many characters. */
const PHRASE_WINDOW = 4096;
const MAX_FINDINGS = 64;
/** Expensive checks (typo search on a CKR_ token, lower-case snake names) per text. */
const SLOW_BUDGET = 16;

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

/** `0xA0` */

/** `0x000000A0` */


/**
 * `s.charCodeAt(i)` without a property load on `s`. Inputs arrive as every kind of V8 string (flat,
 * sliced by trim(), two-byte, internalized...): past four kinds, a `s.charCodeAt` call site turns
 * megamorphic and every character costs a generic load and a builtin call. Called through the one
 * function, TurboFan inlines the character load for any string.
 */
const charCodeAt = String.prototype.charCodeAt;
const cc = (s: string, i: number): number => charCodeAt.call(s, i);

const NON_ALNUM_G = /[^A-Z0-9]+/g;

/**
 * The key every spelling of a name reduces to: upper case, letters and digits only, without the
 * `CKR` prefix. `CKR_PIN_INCORRECT`, `pin incorrect`, `PIN-INCORRECT`, `PinIncorrect` -> `PININCORRECT`.
 */
export function nameKey(text: string): string {
  const k = text.toUpperCase().replace(NON_ALNUM_G, '');
  return k.length > 3 && cc(k, 0) === 67 && cc(k, 1) === 75 && cc(k, 2) === 82 ? k.slice(3) : k;
}

/** `CKR_PIN_INCORRECT` -> `PinIncorrect` (the cryptoki RvError variant / python-pkcs11 class). */
export function camelCaseName(name: string): string {
  return name
    .replace(/^CKR_/, '')
    .split('_')
    .filter(Boolean)
    .map((w) => w[0] + w.slice(1).toLowerCase())
    .join('');
}

const clip = (s: string): string => (s.length > MAX_ECHO ? s.slice(0, MAX_ECHO - 1) + '\u2026' : s);

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isHexDigit = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
const isWordChar = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isUpper = (c: number): boolean => c >= 65 && c <= 90;
const isLower = (c: number): boolean => c >= 97 && c <= 122;

// ---------------------------------------------------------------------------------------------
// Static knowledge: spellings and messages of real stacks
// ---------------------------------------------------------------------------------------------

/** python-pkcs11 exception classes whose names are not the CamelCase of the CKR name (pkcs11/_errors.pyx). */
const ALIASES: readonly (readonly [string, string, string])[] = [
  ['FunctionCancelled', 'CKR_FUNCTION_CANCELED', 'python-pkcs11 spells CKR_FUNCTION_CANCELED "FunctionCancelled"'],
  ['TokenNotRecognised', 'CKR_TOKEN_NOT_RECOGNIZED', 'python-pkcs11 spells CKR_TOKEN_NOT_RECOGNIZED "TokenNotRecognised"'],
  ['AnotherUserAlreadyLoggedIn', 'CKR_USER_ANOTHER_ALREADY_LOGGED_IN', 'python-pkcs11 names CKR_USER_ANOTHER_ALREADY_LOGGED_IN "AnotherUserAlreadyLoggedIn"'],
];

/** python-pkcs11 class names with capitals that CamelCase of the CKR name does not give. */
const SPELLINGS: readonly string[] = ['RandomNoRNG', 'SessionReadWriteSOExists', 'SlotIDInvalid'];

/** Word synonyms for the word search (`wrong pin` -> PIN_INCORRECT). */
const SYNONYMS: ReadonlyMap<string, string> = new Map([
  ['WRONG', 'INCORRECT'],
  ['BLOCKED', 'LOCKED'],
  ['CANCELLED', 'CANCELED'],
  ['RECOGNISED', 'RECOGNIZED'],
  ['INITIALISED', 'INITIALIZED'],
  ['LENGTH', 'LEN'],
  ['PASSWORD', 'PIN'],
]);

const STOPWORDS = new Set([
  'A', 'AN', 'THE', 'IS', 'ARE', 'WAS', 'BE', 'MY', 'I', 'IT', 'TO', 'OF', 'IN', 'ON', 'AT', 'FOR', 'WITH',
  'GOT', 'GET', 'GETTING', 'ERROR', 'ERR', 'FAILED', 'FAIL', 'FAILS', 'CODE', 'CKR', 'RV', 'RETURN', 'RETURNED',
  'WHAT', 'DOES', 'MEAN', 'MEANS', 'WHY', 'HOW', 'AFTER', 'WHEN', 'PKCS11', 'PKCS', 'HSM', 'AND', 'OR',
]);

/**
 * Message texts printed instead of names. Each maps to one or more code names; codes missing from
 * the index are dropped at createLookup. Short, generic phrases only count when the text mentions
 * PKCS#11 (see PKCS_CONTEXT_RE).
 *
 * - p11-kit: p11_kit_strerror() (p11-kit/util.c), printed by p11-kit, GnuTLS tools, trust...
 * - libp11 (OpenSSL engine/provider): the reason strings of CKR_str_reasons (src/p11_ckr.c) that are
 *   not simply the words of the name (those are read through the name key).
 * - The spec's descriptions, which rust cryptoki prints in `Display` (`Login: PKCS11 error: The
 *   specified PIN is incorrect, ...`).
 */
const PHRASES: readonly (readonly [string, string])[] = [
  // p11-kit
  ['The operation was cancelled', 'CKR_CANCEL CKR_FUNCTION_CANCELED'],
  ['Insufficient memory available', 'CKR_HOST_MEMORY'],
  ['The specified slot ID is not valid', 'CKR_SLOT_ID_INVALID'],
  ['Internal error', 'CKR_GENERAL_ERROR'],
  ['The operation failed', 'CKR_FUNCTION_FAILED'],
  ['Invalid arguments', 'CKR_ARGUMENTS_BAD'],
  ['The module cannot create needed threads', 'CKR_NEED_TO_CREATE_THREADS'],
  ['The module cannot lock data properly', 'CKR_CANT_LOCK'],
  ['The field is read-only', 'CKR_ATTRIBUTE_READ_ONLY'],
  ['The field is sensitive and cannot be revealed', 'CKR_ATTRIBUTE_SENSITIVE'],
  ['The field is invalid or does not exist', 'CKR_ATTRIBUTE_TYPE_INVALID'],
  ['Invalid value for field', 'CKR_ATTRIBUTE_VALUE_INVALID'],
  ['The data is not valid or unrecognized', 'CKR_DATA_INVALID'],
  ['The data is too long', 'CKR_DATA_LEN_RANGE'],
  ['An error occurred on the device', 'CKR_DEVICE_ERROR'],
  ['Insufficient memory available on the device', 'CKR_DEVICE_MEMORY'],
  ['The device was removed or unplugged', 'CKR_DEVICE_REMOVED'],
  ['The encrypted data is not valid or unrecognized', 'CKR_ENCRYPTED_DATA_INVALID'],
  ['The encrypted data is too long', 'CKR_ENCRYPTED_DATA_LEN_RANGE'],
  ['This operation is not supported', 'CKR_FUNCTION_NOT_SUPPORTED'],
  ['The key is missing or invalid', 'CKR_KEY_HANDLE_INVALID'],
  ['The key is the wrong size', 'CKR_KEY_SIZE_RANGE'],
  ['The key is of the wrong type', 'CKR_KEY_TYPE_INCONSISTENT'],
  ['No key is needed', 'CKR_KEY_NOT_NEEDED'],
  ['The key is different than before', 'CKR_KEY_CHANGED'],
  ['A key is needed', 'CKR_KEY_NEEDED'],
  ['Cannot include the key in the digest', 'CKR_KEY_INDIGESTIBLE'],
  ['This operation cannot be done with this key', 'CKR_KEY_FUNCTION_NOT_PERMITTED'],
  ['The key cannot be wrapped', 'CKR_KEY_NOT_WRAPPABLE'],
  ['Cannot export this key', 'CKR_KEY_UNEXTRACTABLE'],
  ['The crypto mechanism is invalid or unrecognized', 'CKR_MECHANISM_INVALID'],
  ['The crypto mechanism has an invalid argument', 'CKR_MECHANISM_PARAM_INVALID'],
  ['The object is missing or invalid', 'CKR_OBJECT_HANDLE_INVALID'],
  ['Another operation is already taking place', 'CKR_OPERATION_ACTIVE'],
  ['No operation is taking place', 'CKR_OPERATION_NOT_INITIALIZED'],
  ['The password or PIN is incorrect', 'CKR_PIN_INCORRECT'],
  ['The password or PIN is invalid', 'CKR_PIN_INVALID'],
  ['The password or PIN is of an invalid length', 'CKR_PIN_LEN_RANGE'],
  ['The password or PIN has expired', 'CKR_PIN_EXPIRED'],
  ['The password or PIN is locked', 'CKR_PIN_LOCKED'],
  ['The session is closed', 'CKR_SESSION_CLOSED'],
  ['Too many sessions are active', 'CKR_SESSION_COUNT'],
  ['The session is invalid', 'CKR_SESSION_HANDLE_INVALID'],
  ['The session is read-only', 'CKR_SESSION_READ_ONLY'],
  ['An open session exists', 'CKR_SESSION_EXISTS'],
  ['A read-only session exists', 'CKR_SESSION_READ_ONLY_EXISTS'],
  ['An administrator session exists', 'CKR_SESSION_READ_WRITE_SO_EXISTS'],
  ['The signature is bad or corrupted', 'CKR_SIGNATURE_INVALID'],
  ['The signature is unrecognized or corrupted', 'CKR_SIGNATURE_LEN_RANGE'],
  ['Certain required fields are missing', 'CKR_TEMPLATE_INCOMPLETE'],
  ['Certain fields have invalid values', 'CKR_TEMPLATE_INCONSISTENT'],
  ['The device is not present or unplugged', 'CKR_TOKEN_NOT_PRESENT'],
  ['The device is invalid or unrecognizable', 'CKR_TOKEN_NOT_RECOGNIZED'],
  ['The device is write protected', 'CKR_TOKEN_WRITE_PROTECTED'],
  ['Cannot import because the key is invalid', 'CKR_UNWRAPPING_KEY_HANDLE_INVALID'],
  ['Cannot import because the key is of the wrong size', 'CKR_UNWRAPPING_KEY_SIZE_RANGE'],
  ['Cannot import because the key is of the wrong type', 'CKR_UNWRAPPING_KEY_TYPE_INCONSISTENT'],
  ['You are already logged in', 'CKR_USER_ALREADY_LOGGED_IN'],
  ['No user has logged in', 'CKR_USER_NOT_LOGGED_IN'],
  ["The user's password or PIN is not set", 'CKR_USER_PIN_NOT_INITIALIZED'],
  ['The user is of an invalid type', 'CKR_USER_TYPE_INVALID'],
  ['Another user is already logged in', 'CKR_USER_ANOTHER_ALREADY_LOGGED_IN'],
  ['Too many users of different types are logged in', 'CKR_USER_TOO_MANY_TYPES'],
  ['Cannot import an invalid key', 'CKR_WRAPPED_KEY_INVALID'],
  ['Cannot import a key of the wrong size', 'CKR_WRAPPED_KEY_LEN_RANGE'],
  ['Cannot export because the key is invalid', 'CKR_WRAPPING_KEY_HANDLE_INVALID'],
  ['Cannot export because the key is of the wrong size', 'CKR_WRAPPING_KEY_SIZE_RANGE'],
  ['Cannot export because the key is of the wrong type', 'CKR_WRAPPING_KEY_TYPE_INCONSISTENT'],
  ['Unable to initialize the random number generator', 'CKR_RANDOM_SEED_NOT_SUPPORTED'],
  ['No random number generator available', 'CKR_RANDOM_NO_RNG'],
  ['The crypto mechanism has an invalid parameter', 'CKR_DOMAIN_PARAMS_INVALID'],
  ['Not enough space to store the result', 'CKR_BUFFER_TOO_SMALL'],
  ['The saved state is invalid', 'CKR_SAVED_STATE_INVALID'],
  ['The information is sensitive and cannot be revealed', 'CKR_INFORMATION_SENSITIVE'],
  ['The state cannot be saved', 'CKR_STATE_UNSAVEABLE'],
  ['The module has not been initialized', 'CKR_CRYPTOKI_NOT_INITIALIZED'],
  ['The module has already been initialized', 'CKR_CRYPTOKI_ALREADY_INITIALIZED'],
  ['Cannot lock data', 'CKR_MUTEX_BAD'],
  ['The data cannot be locked', 'CKR_MUTEX_NOT_LOCKED'],
  ['The signature request was rejected by the user', 'CKR_FUNCTION_REJECTED'],
  // libp11 reason strings that are not the words of the name
  ['Host memory error', 'CKR_HOST_MEMORY'],
  ['Invalid slot ID', 'CKR_SLOT_ID_INVALID'],
  ['Cannott lock', 'CKR_CANT_LOCK'],
  ['Invalid PIN length', 'CKR_PIN_LEN_RANGE'],
  ['Incomplete template', 'CKR_TEMPLATE_INCOMPLETE'],
  ['Inconsistent template', 'CKR_TEMPLATE_INCONSISTENT'],
  ['No PKCS#11 token present', 'CKR_TOKEN_NOT_PRESENT'],
  ['PKCS#11 token not recognized', 'CKR_TOKEN_NOT_RECOGNIZED'],
  ['User another is already logged in', 'CKR_USER_ANOTHER_ALREADY_LOGGED_IN'],
  ['Read/write SO session exists', 'CKR_SESSION_READ_WRITE_SO_EXISTS'],
  // The spec's descriptions (rust cryptoki's Display of RvError)
  ['The specified PIN is incorrect', 'CKR_PIN_INCORRECT'],
  ['The specified PIN has invalid characters', 'CKR_PIN_INVALID'],
  ['The specified PIN is too long or too short', 'CKR_PIN_LEN_RANGE'],
  ['The specified PIN has expired', 'CKR_PIN_EXPIRED'],
  ['The specified PIN is \u201clocked\u201d', 'CKR_PIN_LOCKED'],
  ['The specified PIN is "locked"', 'CKR_PIN_LOCKED'],
  ['The specified PIN is too weak', 'CKR_PIN_TOO_WEAK'],
  ['The specified key handle is not valid', 'CKR_KEY_HANDLE_INVALID'],
  ['The specified object handle is not valid', 'CKR_OBJECT_HANDLE_INVALID'],
  ['The specified session handle was invalid', 'CKR_SESSION_HANDLE_INVALID'],
  ['An invalid mechanism was specified', 'CKR_MECHANISM_INVALID'],
  ['Invalid parameters were supplied to the mechanism', 'CKR_MECHANISM_PARAM_INVALID'],
  ['The token was not present in its slot', 'CKR_TOKEN_NOT_PRESENT'],
  ['because the appropriate user (or an appropriate user) is not logged in', 'CKR_USER_NOT_LOGGED_IN'],
  ['because it is already logged into the session', 'CKR_USER_ALREADY_LOGGED_IN'],
  ['because another user is already logged into the session', 'CKR_USER_ANOTHER_ALREADY_LOGGED_IN'],
  ['has not yet been initialized with C_InitPIN', 'CKR_USER_PIN_NOT_INITIALIZED'],
  ['Some horrible, unrecoverable error has occurred', 'CKR_GENERAL_ERROR'],
  ['The requested function could not be performed', 'CKR_FUNCTION_FAILED'],
  ['The requested function is not supported by this Cryptoki library', 'CKR_FUNCTION_NOT_SUPPORTED'],
  ['The provided signature/MAC is invalid', 'CKR_SIGNATURE_INVALID'],
  ['The provided signature/MAC can be seen to be invalid solely on the basis of its length', 'CKR_SIGNATURE_LEN_RANGE'],
  ['An attempt was made to obtain the value of an attribute of an object which cannot be satisfied', 'CKR_ATTRIBUTE_SENSITIVE'],
  ['An invalid attribute type was specified in a template', 'CKR_ATTRIBUTE_TYPE_INVALID'],
  ['An invalid value was specified for a particular attribute in a template', 'CKR_ATTRIBUTE_VALUE_INVALID'],
  ['The template specified for creating an object is incomplete', 'CKR_TEMPLATE_INCOMPLETE'],
  ['The template specified for creating an object has conflicting attributes', 'CKR_TEMPLATE_INCONSISTENT'],
  ['The specified key is not the correct type of key to use with the specified mechanism', 'CKR_KEY_TYPE_INCONSISTENT'],
  ['An attempt has been made to use a key for a cryptographic purpose', 'CKR_KEY_FUNCTION_NOT_PERMITTED'],
  ['the Cryptoki library has not yet been initialized', 'CKR_CRYPTOKI_NOT_INITIALIZED'],
  ['the Cryptoki library has already been initialized', 'CKR_CRYPTOKI_ALREADY_INITIALIZED'],
  ['The output of the function is too large to fit in the supplied buffer', 'CKR_BUFFER_TOO_SMALL'],
  ['The plaintext input data to a cryptographic operation is invalid', 'CKR_DATA_INVALID'],
  ['The plaintext input data to a cryptographic operation has a bad length', 'CKR_DATA_LEN_RANGE'],
  ['Some problem has occurred with the token and/or slot', 'CKR_DEVICE_ERROR'],
  ['The session was closed during the execution of the function', 'CKR_SESSION_CLOSED'],
  ['because it is a read-only session', 'CKR_SESSION_READ_ONLY'],
  ['because the token is write-protected', 'CKR_TOKEN_WRITE_PROTECTED'],
  ['There is already an active operation', 'CKR_OPERATION_ACTIVE'],
  ['There is no active operation of an appropriate type', 'CKR_OPERATION_NOT_INITIALIZED'],
  ['The token was removed from its slot during the execution of the function', 'CKR_DEVICE_REMOVED'],
];

/** Phrases of this many words or fewer only count in a text that mentions PKCS#11. */
const GENERIC_PHRASE_WORDS = 4;
const PKCS_CONTEXT_RE = /p11|pkcs|cryptoki|hsm/i;

/** Words right before a number that say "this is a return value". */
const MARKERS = [
  'rv', 'ret', 'retval', 'rc', 'ckrv', 'ck_rv', 'ckr', 'code', 'status', 'result', 'returned', 'returns',
  'error', 'err', 'pkcs11', 'errorcode', 'error_code', 'return_value', 'returnvalue',
];

/** Words right before a number that say "this is NOT a return value". */
const DENY = [
  'handle', 'session', 'slot', 'slotid', 'slot_id', 'key', 'object', 'obj', 'mechanism', 'mech', 'pid', 'tid',
  'thread', 'line', 'port', 'id', 'len', 'length', 'size', 'count', 'offset', 'addr', 'address', 'ptr',
  'pointer', 'flags', 'flag', 'type', 'errno', 'at', 'version', 'uid', 'gid', 'ms', 'time', 'timestamp', 'label',
  'serial', 'attr', 'attribute', 'class', 'user', 'usertype', 'exit', 'http',
];

/** Flags of the words markerOf knows (W_EXIT: a word before `code`/`status` that makes it an exit or HTTP code). */
const W_MARKER = 1;
const W_DENY = 2;
const W_EXIT = 4;
const W_CODE = 8;

/** Stacks whose output formats are recognised, in priority order (see STACK_WORDS). */
const STACK_ORDER: readonly ErrorStack[] = ['sunpkcs11', 'python-pkcs11', 'cryptoki', 'miekg-pkcs11', 'pkcs11js', 'opensc', 'p11-kit', 'openssl'];
const STACK_PKCS11JS = 4;
const NO_STACK = 99;

// ---------------------------------------------------------------------------------------------
// The index
// ---------------------------------------------------------------------------------------------

interface Target {
  code: LookupCode | undefined;
  historical: LookupHistorical | undefined;
  /** Set for library aliases: why this spelling maps here. */
  alias: string | undefined;
  /** The name has two or more words (a CamelCase spelling of it is distinctive). */
  multiWord: boolean;
}

/** All targets share one shape. */
function target(code: LookupCode | undefined, historical: LookupHistorical | undefined, alias?: string, multiWord = true): Target {
  return { code, historical, alias, multiWord };
}

interface WordEntry {
  target: Target;
  name: string;
  value: number;
  tokens: readonly string[];
}

interface PhraseEntry {
  phrase: string;
  targets: readonly Target[];
  generic: boolean;
}

/** Per-code strings and results computed once. */
interface CodeInfo {
  code: LookupCode;
  hex: string;
  hexS: string;
  /** `CKR_PIN_INCORRECT (0xA0, 160)` */
  id: string;
  historical: readonly LookupHistorical[];
  /** Shared, frozen results of the plain fast paths (see cacheSlot). */
  cache: (CodeResult | undefined)[];
}

/**
 * What createLookup builds at once: the exact maps by value and by canonical name, all that a number
 * or a canonical name needs (`hsm-cli explain-error 0xA0` or `CKR_PIN_INCORRECT` builds nothing
 * more). The other indexes are built on first need: `names` (every spelling, the error-line token
 * table), `fuzzy` (words and typos), `phrases` (message texts).
 */
interface Ctx {
  codes: readonly LookupCode[];
  historical: readonly LookupHistorical[];
  /** The spec codes of the index (results are only cached for them). */
  isCode: Set<LookupCode>;
  byValue: Map<number, LookupCode>;
  /** Spec codes by name. */
  byName: Map<string, LookupCode>;
  byExactName: Map<string, Target>;
  histByValue: Map<number, LookupHistorical>;
  /** Historical entries about each code (by code name). */
  histForCode: Map<string, readonly LookupHistorical[]>;
  /** byValue / histByValue / info for values below DENSE, as arrays (no hashing on the hot path). */
  codeDense: (LookupCode | undefined)[];
  histDense: (LookupHistorical | undefined)[];
  infoDense: (CodeInfo | undefined)[];
  /** Per-code strings and shared results, made on a code's first result. */
  info: Map<LookupCode, CodeInfo>;
  /** Shared results for historical values read plainly (see cacheSlot). */
  histCache: Map<LookupHistorical, (HistoricalResult | undefined)[]>;
  vendor: LookupCode | undefined;
  /** Spec codes by value (for the nearest codes around an unassigned value); see sortedOf. */
  sorted: readonly LookupCode[] | undefined;
  names: Names | undefined;
  fuzzy: Fuzzy | undefined;
  /** Phrases by the first four characters (packed) of the phrase; see phrasesOf. */
  phrases: Map<number, readonly PhraseEntry[]> | undefined;
}

/** Every spelling of every name, and the token table of error lines (built on first need). */
interface Names {
  byKey: Map<string, Target>;
  /** `PIN_INCORRECT` */
  bySnake: Map<string, Target>;
  /** Lower-case spellings: `ckr_pin_incorrect`, `pin incorrect`, `pin-incorrect`, `pinincorrect`... */
  byLower: Map<string, Target>;
  /** Every common spelling as typed: canonical, byLower, byCamel, bare SNAKE (one lookup for most inputs). */
  bySpelling: Map<string, Target>;
  /** Length of the longest key of bySpelling. */
  maxSpelling: number;
  /** Names and stack words by runHash, for scanRuns. */
  runTable: RunTable;
}

/** The word search and the typo search (built on first need). */
interface Fuzzy {
  words: readonly WordEntry[];
  /** Word entry indexes by name token. */
  tokenIndex: Map<string, readonly number[]>;
  /** Word entry indexes by proper prefixes (3+ letters) of their name tokens. */
  prefixIndex: Map<string, readonly number[]>;
  wordScore: Int32Array;
  wordHits: Int32Array;
  wordExact: Uint8Array;
  typoKeys: readonly string[];
  typoTargets: readonly Target[];
  /** Letters and digits each typo key has, as bits (see charBits): a cheap bound on the edit distance. */
  typoBits: Int32Array;
  /** Bigram -> indexes of typoKeys containing it (q-gram filter for the typo search). */
  grams: readonly (readonly number[] | undefined)[];
  gramCount: Int32Array;
  gramStamp: Int32Array;
  gramRound: { n: number };
  row0: Int32Array;
  row1: Int32Array;
  row2: Int32Array;
}

const EMPTY: readonly never[] = Object.freeze([]);
/** Values below this are looked up in arrays. */
const DENSE = 1024;

function codeAt(ctx: Ctx, v: number): LookupCode | undefined {
  return v >= 0 && v < DENSE ? ctx.codeDense[v] : ctx.byValue.get(v);
}

function histAt(ctx: Ctx, v: number): LookupHistorical | undefined {
  return v >= 0 && v < DENSE ? ctx.histDense[v] : ctx.histByValue.get(v);
}

/** The per-code strings and result cache of a code of the index (undefined for anything else). */
function infoOf(ctx: Ctx, code: LookupCode): CodeInfo | undefined {
  const v = code.value;
  const dense = v >= 0 && v < DENSE;
  if (dense) {
    const ci = ctx.infoDense[v];
    if (ci !== undefined && ci.code === code) return ci;
  }
  let ci = ctx.info.get(code);
  if (ci === undefined && ctx.isCode.has(code)) {
    const hexS = hexShort(v);
    ci = {
      code,
      hex: hexPadded(v),
      hexS,
      id: code.name + ' (' + hexS + ', ' + v + ')',
      historical: ctx.histForCode.get(code.name) ?? EMPTY,
      cache: [],
    };
    ctx.info.set(code, ci);
    if (dense && ctx.codeDense[v] === code) ctx.infoDense[v] = ci;
  }
  return ci;
}

/** Bigrams of name keys: A-Z and 0-9 -> 0..35. */
const GRAM_SPACE = 36 * 36;
function gramOf(a: number, b: number): number {
  const x = a >= 65 && a <= 90 ? a - 65 : a >= 48 && a <= 57 ? a - 22 : -1;
  const y = b >= 65 && b <= 90 ? b - 65 : b >= 48 && b <= 57 ? b - 22 : -1;
  return x < 0 || y < 0 ? -1 : x * 36 + y;
}

/**
 * The letters and digits of a name key as bits (A-Z one each, the digits share bit 26 to 31 by
 * value mod 6; anything else is ignored). One edit changes at most two bits, so keys whose bits
 * differ in more than 2k places are more than k edits apart.
 */
function charBits(key: string): number {
  let bits = 0;
  for (let i = 0; i < key.length; i++) {
    const c = cc(key, i);
    if (c >= 65 && c <= 90) bits |= 1 << (c - 65);
    else if (c >= 48 && c <= 57) bits |= 1 << (26 + ((c - 48) % 6));
  }
  return bits;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

/** The first four characters at `at`, packed into one number (low bytes; a hit is then verified). */
function anchorAt(t: string, at: number): number {
  return (
    (((cc(t, at) & 0xff) << 24) | ((cc(t, at + 1) & 0xff) << 16) |
      ((cc(t, at + 2) & 0xff) << 8) | (cc(t, at + 3) & 0xff)) >>> 0
  );
}

/** A flat (sequential) copy of a string: index strings are read character by character on the hot path. */
const flat = (s: string): string => s.split('').join('');

/** `name` without its `CKR_` prefix has an underscore (two or more words). */
const isMultiWord = (name: string): boolean => name.indexOf('_', name.startsWith('CKR_') ? 4 : 0) >= 0;

function buildCtx(index: LookupIndex): Ctx {
  const codes = (index?.codes ?? []).filter((c) => c && typeof c.name === 'string' && Number.isInteger(c.value));
  const historical = (index?.historical ?? []).filter((h) => h && typeof h.name === 'string' && Number.isInteger(h.value));
  const byValue = new Map<number, LookupCode>();
  const byExactName = new Map<string, Target>();
  const byName = new Map<string, LookupCode>();
  const codeDense: (LookupCode | undefined)[] = new Array(DENSE).fill(undefined);
  const histDense: (LookupHistorical | undefined)[] = new Array(DENSE).fill(undefined);
  for (const code of codes) {
    const v = code.value;
    if (!byValue.has(v)) {
      byValue.set(v, code);
      if (v >= 0 && v < DENSE) codeDense[v] = code;
    }
    byName.set(code.name, code);
    byExactName.set(code.name, target(code, undefined, undefined, isMultiWord(code.name)));
  }
  const histByValue = new Map<number, LookupHistorical>();
  const histForCode = new Map<string, LookupHistorical[]>();
  for (const h of historical) {
    if (!histByValue.has(h.value)) {
      histByValue.set(h.value, h);
      if (h.value >= 0 && h.value < DENSE) histDense[h.value] = h;
    }
    const related = new Set<string>();
    if (h.seeAlso && byName.has(h.seeAlso)) related.add(h.seeAlso);
    if (byName.has(h.name)) related.add(h.name);
    const atValue = byValue.get(h.value);
    if (atValue) related.add(atValue.name);
    for (const n of related) {
      const list = histForCode.get(n) ?? [];
      list.push(h);
      histForCode.set(n, list);
    }
    // A historical name that is also a spec name (p11-kit's wrong values) reads as the spec code.
    if (!byName.has(h.name)) byExactName.set(h.name, target(undefined, h, undefined, isMultiWord(h.name)));
  }
  for (const list of histForCode.values()) Object.freeze(list);
  return {
    codes,
    historical,
    isCode: new Set(codes),
    byValue,
    byName,
    byExactName,
    histByValue,
    histForCode,
    codeDense,
    histDense,
    infoDense: new Array(DENSE).fill(undefined),
    info: new Map(),
    histCache: new Map(),
    vendor: byValue.get(CKR_VENDOR_DEFINED_VALUE),
    sorted: undefined,
    names: undefined,
    fuzzy: undefined,
    phrases: undefined,
  };
}

function sortedOf(ctx: Ctx): readonly LookupCode[] {
  return (ctx.sorted ??= ctx.codes.filter((c) => c.value >= 0 && c.value <= 0xffffffff).sort((a, b) => a.value - b.value));
}

function namesOf(ctx: Ctx): Names {
  return ctx.names ?? (ctx.names = buildNames(ctx));
}

function buildNames(ctx: Ctx): Names {
  const { byExactName, byName } = ctx;
  const byKey = new Map<string, Target>();
  for (const code of ctx.codes) byKey.set(nameKey(code.name), byExactName.get(code.name)!);
  for (const h of ctx.historical) {
    if (byName.has(h.name)) continue;
    const k = nameKey(h.name);
    if (!byKey.has(k)) byKey.set(k, byExactName.get(h.name)!);
  }
  for (const [alias, name, why] of ALIASES) {
    const code = byName.get(name);
    const k = nameKey(alias);
    if (code && !byKey.has(k)) byKey.set(k, target(code, undefined, why));
  }
  const byCamel = new Map<string, Target>();
  const bySnake = new Map<string, Target>();
  for (const [name, t] of byExactName) {
    const bareName = name.replace(/^CKR_/, '');
    byCamel.set(camelCaseName(name), t);
    bySnake.set(bareName, t);
  }
  for (const [alias, name, why] of ALIASES) {
    const code = byName.get(name);
    if (code) byCamel.set(alias, target(code, undefined, why));
  }
  for (const spelling of SPELLINGS) {
    const t = byKey.get(nameKey(spelling));
    if (t) byCamel.set(spelling, t);
  }
  const byLower = new Map<string, Target>();
  for (const [name, t] of byExactName) {
    const lower = name.toLowerCase();
    const bareLower = lower.replace(/^ckr_/, '');
    for (const base of [lower, bareLower]) {
      for (const sep of ['_', ' ', '-', '.', '']) {
        const k = base.split('_').join(sep);
        if (!byLower.has(k)) byLower.set(k, t);
      }
    }
  }
  for (const [k, t] of byCamel) {
    const lower = k.toLowerCase();
    if (!byLower.has(lower)) byLower.set(lower, t);
  }
  const bySpelling = new Map([...byLower, ...bySnake, ...byCamel, ...byExactName]);
  let maxSpelling = 0;
  for (const k of bySpelling.keys()) if (k.length > maxSpelling) maxSpelling = k.length;
  return { byKey, bySnake, byLower, bySpelling, maxSpelling, runTable: buildRunTable(byExactName, byCamel, bySnake) };
}

function fuzzyOf(ctx: Ctx): Fuzzy {
  return ctx.fuzzy ?? (ctx.fuzzy = buildFuzzy(ctx));
}

function buildFuzzy(ctx: Ctx): Fuzzy {
  const { byExactName, byName } = ctx;
  const words: WordEntry[] = [];
  for (const code of sortedOf(ctx)) {
    const tokens = code.name.replace(/^CKR_/, '').split('_').filter(Boolean);
    words.push({ target: byExactName.get(code.name)!, name: code.name, value: code.value, tokens });
  }
  for (const h of ctx.historical) {
    if (byName.has(h.name)) continue;
    const tokens = h.name.replace(/^CKR_/, '').split('_').filter(Boolean);
    words.push({ target: byExactName.get(h.name)!, name: h.name, value: h.value, tokens });
  }
  const typoKeys: string[] = [];
  const typoTargets: Target[] = [];
  for (const [k, t] of namesOf(ctx).byKey) {
    typoKeys.push(flat(k));
    typoTargets.push(t);
  }
  const tokenIndex = new Map<string, number[]>();
  words.forEach((w, i) => {
    for (const t of new Set(w.tokens)) {
      const list = tokenIndex.get(t) ?? [];
      list.push(i);
      tokenIndex.set(t, list);
    }
  });
  const prefixIndex = new Map<string, number[]>();
  words.forEach((w, i) => {
    const prefixes = new Set<string>();
    for (const t of w.tokens) for (let l = 3; l < t.length; l++) prefixes.add(t.slice(0, l));
    for (const pre of prefixes) {
      if (w.tokens.includes(pre)) continue;
      const list = prefixIndex.get(pre) ?? [];
      list.push(i);
      prefixIndex.set(pre, list);
    }
  });
  const grams: (number[] | undefined)[] = new Array(GRAM_SPACE);
  typoKeys.forEach((k, i) => {
    for (let j = 0; j + 1 < k.length; j++) {
      const g = gramOf(cc(k, j), cc(k, j + 1));
      if (g < 0) continue;
      const list = (grams[g] ??= []);
      if (list[list.length - 1] !== i) list.push(i);
    }
  });
  let maxKey = FAST_MAX;
  for (const k of typoKeys) if (k.length > maxKey) maxKey = k.length;
  const rowLength = Math.max(WORDS_MAX, maxKey + 2) + 2;
  return {
    words,
    tokenIndex,
    prefixIndex,
    wordScore: new Int32Array(words.length),
    wordHits: new Int32Array(words.length),
    wordExact: new Uint8Array(words.length),
    typoKeys,
    typoTargets,
    typoBits: Int32Array.from(typoKeys, charBits),
    grams,
    gramCount: new Int32Array(typoKeys.length),
    gramStamp: new Int32Array(typoKeys.length),
    gramRound: { n: 0 },
    row0: new Int32Array(rowLength),
    row1: new Int32Array(rowLength),
    row2: new Int32Array(rowLength),
  };
}

function phrasesOf(ctx: Ctx): Map<number, readonly PhraseEntry[]> {
  return ctx.phrases ?? (ctx.phrases = buildPhrases(ctx));
}

function buildPhrases(ctx: Ctx): Map<number, readonly PhraseEntry[]> {
  const phrases: PhraseEntry[] = [];
  for (const [phrase, names] of PHRASES) {
    const targets = names.split(' ').map((n) => ctx.byExactName.get(n)).filter((t): t is Target => t !== undefined);
    if (targets.length === 0) continue;
    phrases.push({ phrase: phrase.toLowerCase(), targets, generic: phrase.split(' ').length <= GENERIC_PHRASE_WORDS });
  }
  // Longest first: "insufficient memory available on the device" before "insufficient memory available".
  phrases.sort((a, b) => b.phrase.length - a.phrase.length);
  const anchors = new Map<number, PhraseEntry[]>();
  for (const p of phrases) {
    const a = anchorAt(p.phrase, 0);
    const list = anchors.get(a) ?? [];
    list.push(p);
    anchors.set(a, list);
  }
  return anchors;
}

// ---------------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------------

const NONE_EMPTY: NoneResult = Object.freeze({
  kind: 'none',
  reason: 'empty',
  message: 'Type a code name (CKR_PIN_INCORRECT), a value (0xA0, 160) or paste an error line.',
});
const NONE_NOT_STRING: NoneResult = Object.freeze({ kind: 'none', reason: 'not-a-string', message: 'The input is not text.' });
const NONE_UNRECOGNISED: NoneResult = Object.freeze({
  kind: 'none',
  reason: 'unrecognised',
  message: 'No PKCS#11 return code found. Try a name (CKR_PIN_INCORRECT or pin incorrect), a value (0xA0, 160) or a whole error line.',
});
const NONE_UNMARKED: NoneResult = Object.freeze({
  kind: 'none',
  reason: 'unmarked-numbers',
  message:
    'No code name found, and no number in the text is marked as a return value (0x..., rv=, code). Plain numbers in a line are usually times, ids or line numbers; look the value up on its own if it is the code.',
});

function noneOutOfRange(): NoneResult {
  return {
    kind: 'none',
    reason: 'out-of-range',
    message: 'That number is larger than any CK_RV (a 32-bit value, 0 to 0xFFFFFFFF).',
  };
}

function nearest(ctx: Ctx, value: number): { below?: LookupCode; above?: LookupCode } {
  const s = sortedOf(ctx);
  let lo = 0;
  let hi = s.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s[mid].value < value) lo = mid + 1;
    else hi = mid;
  }
  // s[lo] is the first code >= value.
  const below = lo > 0 ? s[lo - 1] : undefined;
  let j = lo;
  while (j < s.length && s[j].value === value) j++;
  const above = j < s.length ? s[j] : undefined;
  return { below, above };
}

/** How a result came about. Always made by extra(): one object shape, so the code reading it stays fast. */
interface Extra {
  matchedBy: MatchedBy;
  suggestion: boolean;
  line: LineMatch | undefined;
  alternatives: readonly LookupAlternative[];
  note: string | undefined;
  distance: number | undefined;
  /** How the value was read, for the message ("160 (decimal)"). */
  readAs: 'hex' | 'decimal' | 'signed-decimal' | undefined;
}

function extra(matchedBy: MatchedBy, line?: LineMatch): Extra {
  return { matchedBy, suggestion: false, line, alternatives: EMPTY, note: undefined, distance: undefined, readAs: undefined };
}

function codeMessage(code: LookupCode, ci: CodeInfo, x: Extra): string {
  if (x.suggestion) return 'Did you mean ' + ci.id + '?';
  if (x.readAs === 'decimal') return code.value + ' (decimal) is ' + code.name + ' (' + ci.hexS + ').';
  if (x.readAs === 'signed-decimal') return 'Read as a signed 32-bit value: ' + code.name + ' (' + ci.hexS + ').';
  if (x.readAs === 'hex') return ci.hexS + ' is ' + code.name + ' (' + code.value + ').';
  return ci.id;
}

/** The shared-result slot of a way of matching (see cacheSlot); -1 for the ways that are never shared. */
function cacheSlotOf(matchedBy: MatchedBy): number {
  switch (matchedBy) {
    case 'name': return 0;
    case 'hex': return 1;
    case 'decimal': return 2;
    case 'signed-decimal': return 3;
    case 'words': return 4;
    default: return -1;
  }
}

/**
 * Plain results (no line, note, distance or guess) depend only on the code, how it was read and
 * whether the other reading of the digits is a code, so they are made once and shared (frozen).
 */
function cacheSlot(x: Extra): number {
  if (x.line !== undefined || x.note !== undefined || x.suggestion || x.distance !== undefined) return -1;
  const slot = cacheSlotOf(x.matchedBy);
  if (slot < 0 || (x.readAs !== undefined && x.readAs !== x.matchedBy)) return -1;
  return slot * 2 + (x.alternatives.length > 0 ? 1 : 0);
}

function codeResult(ctx: Ctx, code: LookupCode, x: Extra): CodeResult {
  const ci = infoOf(ctx, code)!;
  const slot = cacheSlot(x);
  if (slot >= 0) {
    const hit = ci.cache[slot];
    if (hit) return hit;
  }
  const r: CodeResult = {
    kind: 'code',
    code,
    hex: ci.hex,
    matchedBy: x.matchedBy,
    suggestion: x.suggestion,
    alternatives: x.alternatives,
    historical: ci.historical,
    message: codeMessage(code, ci, x),
  };
  if (x.line) r.line = x.line;
  if (x.note) r.note = x.note;
  if (x.distance !== undefined) r.distance = x.distance;
  if (slot >= 0) {
    Object.freeze(r.alternatives);
    ci.cache[slot] = Object.freeze(r);
  }
  return r;
}

/** `0x000000A0` of a code (precomputed) or historical entry. */
function hexOf(ctx: Ctx, item: LookupCode | LookupHistorical): string {
  const ci = infoOf(ctx, item as LookupCode);
  return ci ? ci.hex : hexPadded(item.value);
}

function historicalMessage(h: LookupHistorical, seeAlso: LookupCode | undefined, atValue: LookupCode | undefined): string {
  const v = hexShort(h.value);
  let m: string;
  if (h.status === 'wrong-value') {
    m = v + ' is a wrong value for ' + h.name + ' (' + h.note + ').' + (atValue ? '' : ' The spec assigns nothing at ' + v + '.');
    if (seeAlso) m += ' The real code is ' + seeAlso.name + ' (' + hexShort(seeAlso.value) + ').';
  } else if (h.status === 'draft-only') {
    m = h.name + ' (' + v + ') existed only in a draft: ' + h.note + '.';
    if (seeAlso) m += ' Read ' + seeAlso.name + ' (' + hexShort(seeAlso.value) + ').';
  } else {
    m = h.name + ' (' + v + ') is a removed code: ' + h.note + '.';
    if (seeAlso) m += ' See ' + seeAlso.name + '.';
  }
  return m;
}

function historicalResult(ctx: Ctx, h: LookupHistorical, x: Extra): HistoricalResult {
  const slot = cacheSlot(x);
  let cache: (HistoricalResult | undefined)[] | undefined;
  if (slot >= 0) {
    cache = ctx.histCache.get(h);
    if (cache === undefined) ctx.histCache.set(h, (cache = []));
    const hit = cache[slot];
    if (hit) return hit;
  }
  const seeAlso = h.seeAlso ? (ctx.byExactName.get(h.seeAlso)?.code) : undefined;
  const atValue = codeAt(ctx, h.value);
  const r: HistoricalResult = {
    kind: 'historical',
    entry: h,
    value: h.value,
    hex: hexPadded(h.value),
    matchedBy: x.matchedBy,
    suggestion: x.suggestion,
    alternatives: x.alternatives,
    message: (x.suggestion ? 'Did you mean ' + h.name + '? ' : '') + historicalMessage(h, seeAlso, atValue),
  };
  if (seeAlso) r.seeAlso = seeAlso;
  if (atValue) r.codeAtValue = atValue;
  else if (h.value >= 0 && h.value < CKR_VENDOR_DEFINED_VALUE) {
    const n = nearest(ctx, h.value);
    if (n.below) r.below = n.below;
    if (n.above) r.above = n.above;
  }
  if (x.line) r.line = x.line;
  if (x.note) r.note = x.note;
  if (x.distance !== undefined) r.distance = x.distance;
  if (cache !== undefined) {
    Object.freeze(r.alternatives);
    cache[slot] = Object.freeze(r);
  }
  return r;
}

function vendorResult(ctx: Ctx, value: number, x: Extra): VendorResult {
  const offset = value - CKR_VENDOR_DEFINED_VALUE;
  const hex = hexPadded(value);
  const r: VendorResult = {
    kind: 'vendor',
    value,
    hex,
    offset,
    offsetHex: hexShort(offset),
    matchedBy: x.matchedBy,
    suggestion: x.suggestion,
    alternatives: x.alternatives,
    message:
      hex + ' is vendor-defined: CKR_VENDOR_DEFINED + ' + hexShort(offset) +
      '. Its meaning is in the documentation of the token or library that returned it.',
  };
  if (ctx.vendor) r.vendorDefined = ctx.vendor;
  if (x.line) r.line = x.line;
  if (x.note) r.note = x.note;
  return r;
}

function unassignedResult(ctx: Ctx, value: number, x: Extra): UnassignedResult {
  const { below, above } = nearest(ctx, value);
  let m = hexShort(value) + ' (' + value + ') is not assigned to any code.';
  if (below || above) {
    m += ' Nearest: ' + [below ? below.name + ' (' + hexShort(below.value) + ') below' : '', above ? above.name + ' (' + hexShort(above.value) + ') above' : '']
      .filter(Boolean)
      .join(', ') + '.';
  }
  const r: UnassignedResult = {
    kind: 'unassigned',
    value,
    hex: hexPadded(value),
    matchedBy: x.matchedBy,
    suggestion: x.suggestion,
    alternatives: x.alternatives,
    message: m,
  };
  if (below) r.below = below;
  if (above) r.above = above;
  if (x.line) r.line = x.line;
  if (x.note) r.note = x.note;
  return r;
}

function valueResult(ctx: Ctx, value: number, x: Extra): LookupResult {
  if (!(value >= 0 && value <= 0xffffffff)) return noneOutOfRange();
  const code = codeAt(ctx, value);
  if (code) return codeResult(ctx, code, x);
  if (value >= CKR_VENDOR_DEFINED_VALUE) return vendorResult(ctx, value, x);
  const h = histAt(ctx, value);
  if (h) return historicalResult(ctx, h, x);
  return unassignedResult(ctx, value, x);
}

function targetResult(ctx: Ctx, t: Target, x: Extra): LookupResult {
  if (t.code) {
    if (t.alias) {
      if (x.note === undefined) x.note = t.alias;
      if (x.matchedBy === 'name') x.matchedBy = 'alias';
    }
    return codeResult(ctx, t.code, x);
  }
  return historicalResult(ctx, t.historical!, x);
}

/** The other reading of an ambiguous number, if it is a code, a historical value or vendor-defined. */
function alternative(ctx: Ctx, value: number, reading: 'hex' | 'decimal'): LookupAlternative | undefined {
  if (!(value >= 0 && value <= 0xffffffff)) return undefined;
  const as = reading === 'hex' ? 'Read as hex, ' + hexShort(value) : 'Read as decimal, ' + value;
  const code = codeAt(ctx, value);
  if (code) return { reading, kind: 'code', value, hex: hexPadded(value), code, message: as + ' is ' + code.name + '.' };
  if (value >= CKR_VENDOR_DEFINED_VALUE) {
    return {
      reading, kind: 'vendor', value, hex: hexPadded(value),
      message: as + ' is vendor-defined (CKR_VENDOR_DEFINED + ' + hexShort(value - CKR_VENDOR_DEFINED_VALUE) + ').',
    };
  }
  const h = histAt(ctx, value);
  if (h) return { reading, kind: 'historical', value, hex: hexPadded(value), historical: h, message: as + ' is the historical ' + h.name + '.' };
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------------------------

interface NumberReading {
  value: number;
  reading: 'hex' | 'decimal' | 'signed-decimal';
  /** The other plausible reading of an all-digit string. */
  alt?: number;
  altReading?: 'hex' | 'decimal';
  /** Hex made of letters only (`bad`, `cafe`): could be a word. */
  lettersOnly?: boolean;
  note?: string;
}

/** Parse hex digits s[from, to) into a 32-bit value; NaN when larger. Handles 64-bit sign extension. */
function parseHexDigits(s: string, from: number, to: number): { value: number; note?: string } {
  while (from < to - 1 && cc(s, from) === 48) from++;
  const n = to - from;
  if (n <= 8) return { value: Number.parseInt(s.slice(from, to), 16) };
  if (n === 16 && s.slice(from, from + 8).toLowerCase() === 'ffffffff') {
    const low = Number.parseInt(s.slice(from + 8, to), 16);
    if (low >= CKR_VENDOR_DEFINED_VALUE) {
      return { value: low, note: 'A 32-bit value sign-extended to 64 bits; read as ' + hexPadded(low) + '.' };
    }
  }
  return { value: Number.NaN };
}

const TWO_64 = 18446744073709551616n;

/** Parse decimal digits into a 32-bit value; NaN when larger. Handles 64-bit sign extension. */
function parseDecDigits(s: string): { value: number; note?: string } {
  let i = 0;
  while (i < s.length - 1 && cc(s, i) === 48) i++;
  const d = i ? s.slice(i) : s;
  if (d.length <= 10) {
    const v = Number(d);
    return { value: v <= 0xffffffff ? v : Number.NaN };
  }
  if (d.length === 20) {
    const big = BigInt(d);
    if (big < TWO_64 && big >= TWO_64 - 2147483648n) {
      const low = Number(big - TWO_64 + 4294967296n);
      return { value: low, note: 'A negative 32-bit value printed as an unsigned 64-bit number; read as ' + hexPadded(low) + '.' };
    }
  }
  return { value: Number.NaN };
}

/**
 * Read a whole (trimmed) input as a number, or return null. `0xA0`, `0XA0`, `0x000000a0UL`, `A0`,
 * `A0h`, `0A0h`, `160`, `-2147483647`. All-digit strings are decimal unless zero-padded or 8/16
 * digits long (the widths hex is printed in); the other reading is kept as `alt`.
 */
function parseNumber(s: string): NumberReading | null {
  const len = s.length;
  if (len === 0 || len > 40) return null;
  let c0 = cc(s, 0);
  if (c0 === 45 /* - */) {
    if (len < 2 || len > 21) return null;
    for (let i = 1; i < len; i++) if (!isDigit(cc(s, i))) return null;
    const n = Number(s.slice(1));
    if (n === 0) return { value: 0, reading: 'signed-decimal' };
    if (n > 2147483648) return { value: Number.NaN, reading: 'signed-decimal' };
    return { value: 4294967296 - n, reading: 'signed-decimal' };
  }
  if (c0 === 43 /* + */) {
    s = s.slice(1);
    if (s.length === 0) return null;
    c0 = cc(s, 0);
  }
  const n = s.length;
  // 0x prefix, optional C suffix (U, L, UL, ULL)
  if (n > 2 && c0 === 48 && (cc(s, 1) === 120 || cc(s, 1) === 88)) {
    let end = n;
    for (let k = 0; k < 3 && end > 3; k++) {
      const c = cc(s, end - 1) | 32;
      if (c === 117 /* u */ || c === 108 /* l */) end--;
      else break;
    }
    for (let i = 2; i < end; i++) if (!isHexDigit(cc(s, i))) return null;
    const p = parseHexDigits(s, 2, end);
    return p.note ? { value: p.value, reading: 'hex', note: p.note } : { value: p.value, reading: 'hex' };
  }
  // h suffix
  const last = cc(s, n - 1);
  if (n >= 2 && (last === 104 || last === 72)) {
    for (let i = 0; i < n - 1; i++) if (!isHexDigit(cc(s, i))) return null;
    const p = parseHexDigits(s, 0, n - 1);
    return { value: p.value, reading: 'hex' };
  }
  let digits = 0;
  for (let i = 0; i < n; i++) {
    const c = cc(s, i);
    if (isDigit(c)) digits++;
    else if (!isHexDigit(c)) return null;
  }
  if (digits < n) {
    const p = parseHexDigits(s, 0, n);
    return digits === 0 ? { value: p.value, reading: 'hex', lettersOnly: true } : { value: p.value, reading: 'hex' };
  }
  // All digits: decimal, unless it looks like padded hex.
  const hexFirst = (n >= 2 && c0 === 48) || n === 8 || n === 16;
  const dec = parseDecDigits(s);
  const hex = n <= 16 ? parseHexDigits(s, 0, n) : { value: Number.NaN };
  if (hexFirst && !Number.isNaN(hex.value)) {
    const r: NumberReading = { value: hex.value, reading: 'hex' };
    if (hex.note) r.note = hex.note;
    if (!Number.isNaN(dec.value) && dec.value !== hex.value) {
      r.alt = dec.value;
      r.altReading = 'decimal';
    }
    return r;
  }
  const r: NumberReading = { value: dec.value, reading: 'decimal' };
  if (dec.note) r.note = dec.note;
  if (!Number.isNaN(hex.value) && hex.value !== dec.value) {
    r.alt = hex.value;
    r.altReading = 'hex';
  }
  return r;
}

function numberResult(ctx: Ctx, num: NumberReading): LookupResult {
  const value = num.value;
  if (Number.isNaN(value)) return noneOutOfRange();
  const alt = num.alt;
  const altMeans = alt !== undefined && (codeAt(ctx, alt) !== undefined || histAt(ctx, alt) !== undefined || (alt >= CKR_VENDOR_DEFINED_VALUE && alt <= 0xffffffff));
  const code = codeAt(ctx, value);
  if (code && !num.note) {
    // The shared result, if this code was already read this way (see cacheSlot).
    const hit = infoOf(ctx, code)!.cache[cacheSlotOf(num.reading) * 2 + (altMeans ? 1 : 0)];
    if (hit) return hit;
  }
  let alternatives: readonly LookupAlternative[] = EMPTY;
  if (altMeans && num.altReading) {
    const a = alternative(ctx, alt!, num.altReading);
    if (a) alternatives = [Object.freeze(a)];
  }
  const x = extra(num.reading);
  x.readAs = num.reading;
  x.alternatives = alternatives;
  if (num.note) x.note = num.note;
  return valueResult(ctx, value, x);
}

// ---------------------------------------------------------------------------------------------
// Error-line scanning
// ---------------------------------------------------------------------------------------------

const T_NAME = 1; // CKR_ names, pkcs11js pairs, CamelCase in a cryptoki/python context
const T_NAME2 = 2; // CamelCase and bare SNAKE names anywhere, OpenSSL reason fields
const T_MARKED = 3; // numbers after rv= / code / error / 0x after a marker
const T_TYPO = 4; // CKR_ tokens that are near misses
const T_PHRASE = 5; // message text
const T_HEX = 6; // unmarked 0x numbers

interface Finding {
  tier: number;
  pos: number;
  token: LineToken;
  text: string;
  target?: Target;
  value?: number;
  suggestion?: boolean;
  distance?: number;
  note?: string;
  /** The value written next to a name (`CKR_X:160`, `CKR_X (0xa0)`). */
  pairValue?: number;
}


/** Does `text` have `lit` at position `at`? (startsWith without the call overhead) */
function sameAt(text: string, at: number, lit: string): boolean {
  if (at + lit.length > text.length) return false;
  for (let i = 0; i < lit.length; i++) if (cc(text, at + i) !== cc(lit, i)) return false;
  return true;
}

/** Does `text` have `lit` right before position `at`? */
function endsAt(text: string, at: number, lit: string): boolean {
  const from = at - lit.length;
  if (from < 0) return false;
  for (let i = 0; i < lit.length; i++) if (cc(text, from + i) !== cc(lit, i)) return false;
  return true;
}

/** All findings share one shape (fast property access in lineResult). */
function finding(tier: number, pos: number, token: LineToken, text: string, target: Target | undefined, value: number | undefined): Finding {
  return { tier, pos, token, text, target, value, suggestion: undefined, distance: undefined, note: undefined, pairValue: undefined };
}


/** Parse a number run text[start,end) that starts with a digit: 0x hex or all-decimal. */
function runNumber(text: string, start: number, end: number): { value: number; hex: boolean } | null {
  const n = end - start;
  if (n > 2 && cc(text, start) === 48 && (cc(text, start + 1) | 32) === 120) {
    let e = end;
    for (let k = 0; k < 3 && e > start + 3; k++) {
      const c = cc(text, e - 1) | 32;
      if (c === 117 || c === 108) e--;
      else break;
    }
    if (e - start - 2 > 16) return null;
    for (let i = start + 2; i < e; i++) if (!isHexDigit(cc(text, i))) return null;
    const p = parseHexDigits(text, start + 2, e);
    return Number.isNaN(p.value) ? null : { value: p.value, hex: true };
  }
  if (n > 20) return null;
  for (let i = start; i < end; i++) if (!isDigit(cc(text, i))) return null;
  const p = parseDecDigits(text.slice(start, end));
  return Number.isNaN(p.value) ? null : { value: p.value, hex: false };
}

/** After a CKR_ name ending at `end`: `:160`, ` (0xa0)`, `( 0x000000a0 )`, ` = 0xa0`. */
function pairAfter(text: string, end: number): { value: number; end: number } | undefined {
  const n = text.length;
  let i = end;
  if (i < n && cc(text, i) === 58 /* : */) {
    let j = i + 1;
    while (j < n && j - i <= 21 && isDigit(cc(text, j))) j++;
    if (j > i + 1 && (j >= n || !isWordChar(cc(text, j)))) {
      const p = parseDecDigits(text.slice(i + 1, j));
      return Number.isNaN(p.value) ? undefined : { value: p.value, end: j };
    }
    return undefined;
  }
  let spaces = 0;
  while (i < n && spaces < 3 && cc(text, i) === 32) { i++; spaces++; }
  const c = i < n ? cc(text, i) : 0;
  if (c !== 40 /* ( */ && c !== 61 /* = */ && c !== 91 /* [ */) return undefined;
  i++;
  spaces = 0;
  while (i < n && spaces < 3 && cc(text, i) === 32) { i++; spaces++; }
  let j = i;
  while (j < n && j - i <= 24 && isWordChar(cc(text, j))) j++;
  if (j === i || !isDigit(cc(text, i))) return undefined;
  const num = runNumber(text, i, j);
  if (!num) return undefined;
  let e = j;
  if (c === 40 || c === 91) {
    let k = j;
    while (k < n && k - j < 3 && cc(text, k) === 32) k++;
    if (k < n && (cc(text, k) === 41 || cc(text, k) === 93)) e = k + 1;
  }
  return { value: num.value, end: e };
}

/** Bounded optimal-string-alignment distance; returns k + 1 when the distance exceeds k. */
function boundedDistance(fz: Fuzzy, a: string, b: string, k: number): number {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > k) return k + 1;
  if (la === 0) return lb;
  if (lb === 0) return la;
  let prev2 = fz.row0;
  let prev = fz.row1;
  let cur = fz.row2;
  for (let j = 0; j <= lb; j++) prev[j] = j;
  const BIG = 1 << 20;
  for (let i = 1; i <= la; i++) {
    const ca = cc(a, i - 1);
    const lo = Math.max(1, i - k);
    const hi = Math.min(lb, i + k);
    cur[lo - 1] = lo === 1 ? i : BIG;
    let rowMin = cur[lo - 1];
    for (let j = lo; j <= hi; j++) {
      const cb = cc(b, j - 1);
      const cost = ca === cb ? 0 : 1;
      let v = prev[j - 1] + cost;
      const del = (j <= i - 1 + k ? prev[j] : BIG) + 1;
      if (del < v) v = del;
      const ins = cur[j - 1] + 1;
      if (ins < v) v = ins;
      if (i > 1 && j > 1 && ca === cc(b, j - 2) && cc(a, i - 2) === cb) {
        const t = prev2[j - 2] + 1;
        if (t < v) v = t;
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (hi < lb) cur[hi + 1] = BIG;
    if (rowMin > k) return k + 1;
    const tmp = prev2;
    prev2 = prev;
    prev = cur;
    cur = tmp;
  }
  const d = prev[lb];
  return d > k ? k + 1 : d;
}

/** Are a and b at most one edit apart (insert, delete, substitute, swap two neighbours)? Linear. */
function withinOne(a: string, b: string): boolean {
  const la = a.length;
  const lb = b.length;
  if (la === lb) {
    let i = 0;
    while (i < la && cc(a, i) === cc(b, i)) i++;
    if (i >= la - 1) return true;
    // substitution at i?
    let j = i + 1;
    while (j < la && cc(a, j) === cc(b, j)) j++;
    if (j === la) return true;
    // transposition of i, i+1?
    if (cc(a, i) !== cc(b, i + 1) || cc(a, i + 1) !== cc(b, i)) return false;
    for (j = i + 2; j < la; j++) if (cc(a, j) !== cc(b, j)) return false;
    return true;
  }
  if (la - lb === 1 || lb - la === 1) {
    const long = la > lb ? a : b;
    const short = la > lb ? b : a;
    let i = 0;
    while (i < short.length && cc(long, i) === cc(short, i)) i++;
    for (let j = i; j < short.length; j++) if (cc(long, j + 1) !== cc(short, j)) return false;
    return true;
  }
  return false;
}

function typoBudget(len: number): number {
  if (len < 4) return 0;
  if (len < 6) return 1;
  if (len < 20) return 2;
  return 3;
}

interface TypoHit {
  target: Target;
  key: string;
  distance: number;
}

/** All names within the budget of `key`, best first (ties kept). */
function typoMatches(ctx: Ctx, key: string, maxBudget: number): TypoHit[] {
  const k = Math.min(typoBudget(key.length), maxBudget);
  if (k === 0 || key.length > WORDS_MAX) return [];
  let best = k + 1;
  let hits: TypoHit[] = [];
  const fz = fuzzyOf(ctx);
  const keys = fz.typoKeys;
  // Most typos are one edit: a linear check over the names first. One edit keeps the first or
  // the last character (for names of 3+ characters).
  const first = cc(key, 0);
  const last = cc(key, key.length - 1);
  for (let i = 0; i < keys.length; i++) {
    const cand = keys[i];
    const dl = cand.length - key.length;
    if (dl > 1 || dl < -1 || cand.length < 3) continue;
    if (cc(cand, 0) !== first && cc(cand, cand.length - 1) !== last) continue;
    if (withinOne(key, cand) && key !== cand) hits.push({ target: fz.typoTargets[i], key: cand, distance: 1 });
  }
  if (hits.length > 0) return hits;
  // q-gram filter: k edits (a transposition counts once but breaks up to 3 bigrams) leave at least
  // len - 1 - 3k of the key's bigram positions intact, so names sharing fewer cannot match.
  const need = key.length - 1 - 3 * k;
  let pool: number[] | null = null;
  if (need > 0) {
    const round = ++fz.gramRound.n;
    const stamp = fz.gramStamp;
    const count = fz.gramCount;
    pool = [];
    for (let j = 0; j + 1 < key.length; j++) {
      const g = gramOf(cc(key, j), cc(key, j + 1));
      const list = g >= 0 ? fz.grams[g] : undefined;
      if (!list) continue;
      for (let p = 0; p < list.length; p++) {
        const i = list[p];
        if (stamp[i] !== round) {
          stamp[i] = round;
          count[i] = 0;
          pool.push(i);
        }
        count[i]++;
      }
    }
    let kept = 0;
    for (let p = 0; p < pool.length; p++) {
      const i = pool[p];
      // The same bound from the name's side.
      if (count[i] >= need && count[i] >= keys[i].length - 1 - 3 * k) pool[kept++] = i;
    }
    pool.length = kept;
  }
  const total = pool ? pool.length : keys.length;
  for (let p = 0; p < total; p++) {
    const i = pool ? pool[p] : p;
    const cand = keys[i];
    if (Math.abs(cand.length - key.length) > Math.min(best, k)) continue;
    // Short names need a closer match: never more than a third of the name.
    const kk = Math.min(best, k, Math.max(1, Math.floor(cand.length / 3)));
    const d = boundedDistance(fz, key, cand, kk);
    if (d > kk) continue;
    if (d < best) {
      best = d;
      hits = [];
    }
    hits.push({ target: fz.typoTargets[i], key: cand, distance: d });
  }
  return hits;
}

interface Scan {
  findings: Finding[];
  unmarkedNumbers: number;
  /** How many more expensive token checks (near-miss names, lower-case names) this text may cost. */
  slowBudget: number;
  /** Best (lowest) STACK_ORDER index seen, or NO_STACK. */
  stack: number;
}

/**
 * Tokenise the text into runs of [A-Za-z0-9_] in one linear pass and classify each run: a CKR_
 * name, a number (kept only with a marker, or as explicit 0x hex not preceded by a "not a code"
 * word), a CamelCase or SNAKE name.
 */
function scanRuns(ctx: Ctx, text: string, scan: Scan): void {
  const n = text.length;
  const findings = scan.findings;
  const names = namesOf(ctx);
  const table = names.runTable;
  const slots = table.slots;
  const hashes = table.hashes;
  const next = table.next;
  const mask = slots.length - 1;
  let prevStart = -1;
  let prevEnd = -1;
  let prev2Start = -1;
  let prev2End = -1;
  let i = 0;
  while (i < n && findings.length < MAX_FINDINGS) {
    // Next run of [A-Za-z0-9_], hashed on the way (runHash) to look it up without slicing.
    let c = cc(text, i);
    while (!isWordChar(c)) {
      if (++i >= n) return;
      c = cc(text, i);
    }
    const start = i;
    let h = 0;
    /** The first `_` of the run, or -1. */
    let us = -1;
    // (never read past the end: one out-of-bounds charCodeAt makes V8 call the slow builtin for good)
    do {
      h = (Math.imul(h, 31) + c) | 0;
      if (c === 95 && us < 0) us = i;
      if (++i >= n) break;
      c = cc(text, i);
    } while (isWordChar(c));
    const end = i;
    const len = end - start;
    const c0 = cc(text, start);

    let named = false;
    for (let e = slots[h & mask]; e !== 0; e = next[e - 1]) {
      if (hashes[e - 1] !== h) continue;
      const entry = table.entries[e - 1];
      const kind = entry.kind;
      // (a stack word that cannot improve on the stack found so far is not even compared)
      if (entry.text.length !== len || (kind === RUN_STACK && entry.stack >= scan.stack) || !sameAt(text, start, entry.text)) continue;
      if (kind === RUN_STACK) {
        if (
          (entry.after === undefined || sameAt(text, end, entry.after)) &&
          (entry.before === undefined || endsAt(text, start, entry.before)) &&
          (!entry.opensslCode || isOpenSslCode(text, end + 1))
        ) {
          scan.stack = entry.stack;
        }
        continue;
      }
      const t = entry.target!;
      named = true;
      if (kind === RUN_CKR) {
        const pair = pairAfter(text, end);
        if (pair) {
          if (cc(text, end) === 58 && scan.stack > STACK_PKCS11JS) scan.stack = STACK_PKCS11JS;
          const f = finding(T_NAME, start, 'pair', text.slice(start, pair.end), t, undefined);
          f.pairValue = pair.value;
          findings.push(f);
        } else {
          findings.push(finding(T_NAME, start, 'name', entry.text, t, undefined));
        }
      } else if (kind === RUN_CAMEL) {
        const explicit = endsAt(text, start, 'RvError::') || endsAt(text, start, 'Pkcs11(') || endsAt(text, start, 'exceptions.');
        // A one-word variant (`Cancel`) only counts in an explicit cryptoki/python context.
        if (explicit || t.multiWord) findings.push(finding(explicit ? T_NAME : T_NAME2, start, 'camel-case', entry.text, t, undefined));
      } else {
        findings.push(finding(T_NAME2, start, 'name', entry.text, t, undefined));
      }
    }

    if (named) {
      // done
    } else if (
      len >= 5 && len <= 72 && (c0 | 32) === 99 && (cc(text, start + 1) | 32) === 107 &&
      (cc(text, start + 2) | 32) === 114 && cc(text, start + 3) === 95
    ) {
      // A CKR_ token in another case, or a near miss (bounded: a text of unknown CKR_ tokens stops here).
      if (--scan.slowBudget >= 0) scanUnknownCkr(ctx, text, start, end, findings);
    } else if (isDigit(c0)) {
      const num = len <= 20 ? runNumber(text, start, end) : null;
      if (num) {
        let negative = false;
        if (!num.hex && start > 0 && cc(text, start - 1) === 45) {
          negative = start < 2 || !isWordChar(cc(text, start - 2));
        }
        // Is the run glued to the previous one by `.` (a version, an IP, a float)?
        const glued = start > 0 && (cc(text, start - 1) === 46 || (start > 1 && cc(text, start - 1) === 58 && isDigit(cc(text, start - 2))));
        const nextDot = end < n - 1 && (cc(text, end) === 46 || cc(text, end) === 58) && isDigit(cc(text, end + 1));
        let marker = 0; // 1 = marker, -1 = deny
        if (prevEnd >= 0 && start - prevEnd <= 4) {
          let gapOk = true;
          for (let g = prevEnd; g < start - (negative ? 1 : 0); g++) {
            const gc = cc(text, g);
            if (gc !== 32 && gc !== 61 && gc !== 58 && gc !== 40 && gc !== 9 && gc !== 91 && gc !== 35) { gapOk = false; break; }
          }
          if (gapOk) marker = markerOf(text, prevStart, prevEnd, prev2Start, prev2End);
        }
        if (marker === 1 && !glued && !nextDot) {
          const value = negative ? (num.value === 0 ? 0 : num.value <= 2147483648 ? 4294967296 - num.value : Number.NaN) : num.value;
          if (!Number.isNaN(value)) {
            findings.push(finding(T_MARKED, start, num.hex ? 'hex' : negative ? 'signed-decimal' : 'decimal', text.slice(negative ? start - 1 : start, end), undefined, value));
          }
        } else if (num.hex && marker === 0) {
          findings.push(finding(T_HEX, start, 'hex', text.slice(start, end), undefined, num.value));
        } else if (!num.hex) {
          scan.unmarkedNumbers++;
        }
      }
    } else if (len >= 5 && isLower(c0)) {
      // lower-case snake_case name without the prefix: pin_incorrect
      if (us > start && --scan.slowBudget >= 0) {
        const raw = text.slice(start, end);
        const t = names.bySnake.get(raw.toUpperCase());
        if (t) findings.push(finding(T_NAME2, start, 'name', raw, t, undefined));
      }
    } else if (len > 7 && c0 === 80 && scan.stack > 7 && text.startsWith('PKCS11_', start)) {
      scan.stack = 7; // libp11 function names in OpenSSL errors: PKCS11_get_private_key
    }
    prev2Start = prevStart;
    prev2End = prevEnd;
    prevStart = start;
    prevEnd = end;
  }
}

/** Hash of a run of characters, as scanRuns computes it. */
function runHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + cc(s, i)) | 0;
  return h;
}

const RUN_CKR = 0;
const RUN_CAMEL = 1;
const RUN_SNAKE = 2;
const RUN_STACK = 3;

interface RunEntry {
  text: string;
  kind: number;
  target: Target | undefined;
  stack: number;
  after: string | undefined;
  before: string | undefined;
  opensslCode: boolean;
}

/** Words that only one stack prints: [word, STACK_ORDER index, text right after, text right before]. */
const STACK_WORDS: readonly (readonly [string, number, string?, string?])[] = [
  ['PKCS11Exception', 0], ['SunPKCS11', 0], ['sun', 0, '.security.pkcs11'],
  ['exceptions', 1, undefined, 'pkcs11.'],
  ['RvError', 2], ['Pkcs11', 2, '('], ['cryptoki', 2], ['PKCS11', 2, ' error: '],
  ['pkcs11', 3, ': 0x'],
  ['Pkcs11Error', 4], ['NativeError', 4], ['pkcs11js', 4],
  ['PKCS11', 5, ' function C_'], ['pkcs11', 5, '-tool'], ['OpenSC', 5], ['opensc', 5],
  ['p11', 6, '-kit'], ['p11_kit', 6],
  ['libp11', 7], ['PKCS', 7, '#11 module'], ['pkcs11', 7, '-provider'], ['engine', 7], ['OpenSSL', 7], ['openssl', 7],
  ['error', 7, ':'],
];

/** Open hashing on typed arrays: slots[h & mask] and next[] hold entry index + 1 (0 ends a chain). */
interface RunTable {
  entries: RunEntry[];
  hashes: Int32Array;
  next: Int32Array;
  slots: Int32Array;
}

function buildRunTable(byExactName: Map<string, Target>, byCamel: Map<string, Target>, bySnake: Map<string, Target>): RunTable {
  const list: RunEntry[] = [];
  const add = (e: RunEntry): void => {
    if (!list.some((x) => x.text === e.text && x.kind === e.kind && x.after === e.after && x.before === e.before)) list.push(e);
  };
  const entry = (text: string, kind: number, t: Target | undefined): RunEntry =>
    ({ text, kind, target: t, stack: NO_STACK, after: undefined, before: undefined, opensslCode: false });
  for (const [name, t] of byExactName) if (/^[A-Za-z0-9_]+$/.test(name)) add(entry(name, RUN_CKR, t));
  for (const [name, t] of byCamel) add(entry(name, RUN_CAMEL, t));
  for (const [name, t] of bySnake) if (name.includes('_')) add(entry(name, RUN_SNAKE, t));
  for (const [word, stack, after, before] of STACK_WORDS) {
    add({ text: word, kind: RUN_STACK, target: undefined, stack, after, before, opensslCode: word === 'error' });
  }
  let size = 64;
  while (size < list.length * 4) size *= 2;
  const table: RunTable = { entries: list, hashes: new Int32Array(list.length), next: new Int32Array(list.length), slots: new Int32Array(size) };
  // Insert in reverse so that chains keep the list order.
  for (let i = list.length - 1; i >= 0; i--) {
    const h = runHash(list[i].text);
    table.hashes[i] = h;
    const slot = h & (size - 1);
    table.next[i] = table.slots[slot];
    table.slots[slot] = i + 1;
  }
  return table;
}

/** A CKR_ token that is not a canonical name: another case (`ckr_pin_incorrect`), a typo, or unknown. */
function scanUnknownCkr(ctx: Ctx, text: string, start: number, end: number, findings: Finding[]): void {
  const raw = text.slice(start, end);
  const key = nameKey(raw);
  const t = namesOf(ctx).byKey.get(key);
  const pair = pairAfter(text, end);
  if (t) {
    const f = finding(T_NAME, start, pair ? 'pair' : 'name', pair ? text.slice(start, pair.end) : raw, t, undefined);
    if (pair) f.pairValue = pair.value;
    findings.push(f);
    return;
  }
  if (key.length === 0) return;
  const hits = typoMatches(ctx, key, 2);
  for (const hit of hits) {
    const f = finding(T_TYPO, start, 'name', raw, hit.target, undefined);
    f.suggestion = true;
    f.distance = hit.distance;
    findings.push(f);
  }
  if (hits.length === 0 && pair) {
    // An unknown name with its value (a newer spec, a vendor header): the value decides.
    findings.push(finding(T_MARKED, start, 'pair', text.slice(start, pair.end), undefined, pair.value));
  }
}

/** Hash of a run with A-Z read as a-z (runs are [A-Za-z0-9_], so this is exact lower-casing). */
function lowerHash(text: string, start: number, end: number): number {
  let h = 0;
  for (let i = start; i < end; i++) {
    let c = cc(text, i);
    if (c >= 65 && c <= 90) c |= 32;
    h = (Math.imul(h, 31) + c) | 0;
  }
  return h;
}

/** Does text[at..] read `lower` (lower case) in any case? */
function sameAtCI(text: string, at: number, lower: string): boolean {
  if (at < 0 || at + lower.length > text.length) return false;
  for (let i = 0; i < lower.length; i++) {
    let c = cc(text, at + i);
    if (c >= 65 && c <= 90) c |= 32;
    if (c !== cc(lower, i)) return false;
  }
  return true;
}

interface KnownWord {
  word: string;
  flags: number;
  next: KnownWord | undefined;
}

/** MARKERS, DENY and the exit words by lowerHash (chained on the rare collision). */
const KNOWN_WORDS: Map<number, KnownWord> = (() => {
  const flags = new Map<string, number>();
  const add = (w: string, f: number): void => void flags.set(w, (flags.get(w) ?? 0) | f);
  for (const w of MARKERS) add(w, W_MARKER);
  for (const w of DENY) add(w, W_DENY | W_EXIT);
  for (const w of ['exited', 'exit', 'http']) add(w, W_EXIT);
  for (const w of ['code', 'status']) add(w, W_CODE);
  const byHash = new Map<number, KnownWord>();
  for (const [word, f] of flags) {
    const h = lowerHash(word, 0, word.length);
    byHash.set(h, { word, flags: f, next: byHash.get(h) });
  }
  return byHash;
})();

/** The KNOWN_WORDS flags of the run text[start, end), in any case; 0 for other words. */
function wordFlags(text: string, start: number, end: number): number {
  for (let k = KNOWN_WORDS.get(lowerHash(text, start, end)); k !== undefined; k = k.next) {
    if (k.word.length === end - start && sameAtCI(text, start, k.word)) return k.flags;
  }
  return 0;
}

/** CK constant prefixes other than CKR_: `CKA_`, `CKM_`, `CKO_`, `CKK_`... (any case). */
function isCkConstant(text: string, start: number, end: number): boolean {
  if (end - start < 4 || (cc(text, start) | 32) !== 99 || (cc(text, start + 1) | 32) !== 107 || cc(text, start + 3) !== 95) return false;
  const c = cc(text, start + 2) | 32;
  // a m o k f u h s d g c
  return c === 97 || c === 109 || c === 111 || c === 107 || c === 102 || c === 117 || c === 104 || c === 115 || c === 100 || c === 103 || c === 99;
}

/**
 * 1 if the word before a number marks it as a return value, -1 if it says it is something else.
 * Reads the runs in place (no slice, no lower-casing).
 */
function markerOf(text: string, start: number, end: number, start2: number, end2: number): number {
  const len = end - start;
  const f = wordFlags(text, start, end);
  if ((f & W_MARKER) !== 0 || (len >= 9 && sameAtCI(text, end - 9, 'exception')) || (len > 4 && sameAtCI(text, start, 'ckr_'))) {
    if ((f & W_CODE) !== 0 && start2 >= 0 && (wordFlags(text, start2, end2) & W_EXIT) !== 0) return -1;
    return 1;
  }
  if (
    (f & W_DENY) !== 0 || (len > 1 && (cc(text, start) | 32) === 104 && isUpper(cc(text, start + 1))) ||
    isCkConstant(text, start, end) || (len >= 2 && sameAtCI(text, end - 2, 'id')) || (len >= 6 && sameAtCI(text, end - 6, 'handle'))
  ) {
    return -1;
  }
  return 0;
}

/** Is text[at..] an OpenSSL packed error code, 8 hex digits and a colon? */
function isOpenSslCode(text: string, at: number): boolean {
  if (at + 9 > text.length || cc(text, at + 8) !== 58) return false;
  for (let i = at; i < at + 8; i++) if (!isHexDigit(cc(text, i))) return false;
  return true;
}


/** OpenSSL error queue lines from libp11: `error:41000000A0:PKCS#11 module:pkcs11_login:PIN incorrect`. */
function scanOpenSslReasons(ctx: Ctx, text: string, scan: Scan): void {
  let from = 0;
  for (let round = 0; round < 8; round++) {
    const at = text.indexOf('error:', from);
    if (at < 0) return;
    from = at + 6;
    // error:HEX:lib:func:reason  (func may be empty; OpenSSL 3 has `lib::reason` or `lib:func:reason`)
    let i = from;
    let hexLen = 0;
    while (i < text.length && hexLen <= 8 && isHexDigit(cc(text, i))) { i++; hexLen++; }
    if (hexLen !== 8 || cc(text, i) !== 58) continue;
    const lineEnd = text.indexOf('\n', i);
    const rest = text.slice(i + 1, lineEnd < 0 ? Math.min(text.length, i + 300) : Math.min(lineEnd, i + 300));
    const parts = rest.split(':');
    if (parts.length < 3 || !/pkcs/i.test(parts[0])) continue;
    const reason = parts.slice(2).join(':').trim();
    if (!reason || reason.length > 80) continue;
    const t = namesOf(ctx).byKey.get(nameKey(reason));
    if (t) scan.findings.push(finding(T_NAME2, at, 'message', reason, t, undefined));
  }
}

function scanPhrases(ctx: Ctx, text: string, scan: Scan): void {
  const anchors = phrasesOf(ctx);
  const t = (text.length > PHRASE_WINDOW ? text.slice(0, PHRASE_WINDOW) : text).toLowerCase();
  let context: boolean | undefined;
  let coveredEnd = -1;
  for (let at = 0; at + 4 <= t.length; at++) {
    // Phrases start with a letter, on a word boundary, outside a phrase already found.
    if (at < coveredEnd || !isLower(cc(t, at)) || (at > 0 && isWordChar(cc(t, at - 1)))) continue;
    const list = anchors.get(anchorAt(t, at));
    if (!list) continue;
    for (const p of list) {
      if (!t.startsWith(p.phrase, at)) continue;
      const endAt = at + p.phrase.length;
      if (endAt < t.length && isWordChar(cc(t, endAt))) continue;
      if (p.generic) {
        if (context === undefined) context = PKCS_CONTEXT_RE.test(t);
        if (!context) continue;
      }
      coveredEnd = endAt;
      for (const target of p.targets) {
        scan.findings.push(finding(T_PHRASE, at, 'message', text.slice(at, endAt), target, undefined));
      }
      break;
    }
  }
}

/** What a finding points at: the code or historical entry, or the bare value. */
function findingItem(f: Finding): LookupCode | LookupHistorical | number | undefined {
  return f.target ? (f.target.code ?? f.target.historical) : f.value;
}

/** The value a finding stands for (a name's value, or the number found). */
function findingValue(f: Finding): number | undefined {
  if (f.target?.code) return f.target.code.value;
  if (f.target?.historical) return f.target.historical.value;
  return f.value;
}

function lineResult(ctx: Ctx, input: string): LookupResult | null {
  // Long texts: the head and the tail (where stack traces put the cause), scanned apart (no copy).
  const head = input.length > SCAN_WINDOW ? input.slice(0, SCAN_HEAD) : input;
  const tail = input.length > SCAN_WINDOW ? input.slice(input.length - SCAN_TAIL) : undefined;
  const scan: Scan = { findings: [], unmarkedNumbers: 0, stack: NO_STACK, slowBudget: SLOW_BUDGET };
  scanRuns(ctx, head, scan);
  if (tail !== undefined) scanRuns(ctx, tail, scan);
  let best = 99;
  for (const f of scan.findings) if (f.tier < best) best = f.tier;
  if (best > T_NAME2) {
    if (head.indexOf('error:') >= 0) scanOpenSslReasons(ctx, head, scan);
    if (tail !== undefined && tail.indexOf('error:') >= 0) scanOpenSslReasons(ctx, tail, scan);
    for (const f of scan.findings) if (f.tier < best) best = f.tier;
  }
  if (best > T_TYPO) {
    scanPhrases(ctx, head, scan);
    if (tail !== undefined) scanPhrases(ctx, tail, scan);
    for (const f of scan.findings) if (f.tier < best) best = f.tier;
  }
  if (best === 99) return scan.unmarkedNumbers > 0 ? NONE_UNMARKED : null;

  const all = scan.findings;
  // Distinct findings of the best tier, in order of appearance.
  const top: Finding[] = [];
  for (let fi = 0; fi < all.length; fi++) {
    let f = all[fi];
    if (f.tier !== best) continue;
    // pkcs11js prints codes it does not know as CKR_VENDOR_DEFINED:<value>: the value decides.
    if (f.target?.code && f.target.code.value === CKR_VENDOR_DEFINED_VALUE && f.pairValue !== undefined && f.pairValue !== CKR_VENDOR_DEFINED_VALUE) {
      const g = finding(f.tier, f.pos, 'pair', f.text, undefined, f.pairValue);
      if (f.pairValue < CKR_VENDOR_DEFINED_VALUE) {
        g.note = 'pkcs11js labels every code it does not know CKR_VENDOR_DEFINED; the value ' + f.pairValue + ' (' + hexShort(f.pairValue) + ') is what the token returned.';
      }
      f = g;
    }
    const id = findingItem(f);
    let dup = false;
    for (let ti = 0; ti < top.length; ti++) if (findingItem(top[ti]) === id) { dup = true; break; }
    if (!dup) top.push(f);
  }
  // A line that names CKR_VENDOR_DEFINED and shows a vendor-range value: the value is the answer.
  if (top.length === 1 && top[0].target?.code?.value === CKR_VENDOR_DEFINED_VALUE) {
    const v = all.find((f) => f.target === undefined && f.value !== undefined && f.value > CKR_VENDOR_DEFINED_VALUE);
    if (v) top[0] = finding(top[0].tier, top[0].pos, 'pair', top[0].text, undefined, v.value);
  }
  const stack = scan.stack < STACK_ORDER.length ? STACK_ORDER[scan.stack] : undefined;
  // A lone near-miss name typed on its own (`CKR_PIN_INCORECT`) is a typo, not an error line.
  const wholeInput = top.length >= 1 && top.every((f) => f.token === 'name' && f.text.length === input.length);

  if (top.length === 1) {
    const f = top[0];
    const line: LineMatch = { token: f.token, text: clip(f.text) };
    if (stack) line.stack = stack;
    const x = wholeInput ? extra(f.suggestion ? 'typo' : 'name') : extra(f.suggestion ? 'typo' : 'error-line', line);
    if (f.suggestion) {
      x.suggestion = true;
      x.distance = f.distance;
    }
    if (f.note) x.note = f.note;
    if (f.target) {
      // A value next to the name that is the name's p11-kit wrong value (or differs) is worth a note.
      if (f.target.code && !x.note) {
        const code = f.target.code;
        for (const g of all) {
          const gv = g.pairValue ?? (g.target === undefined ? g.value : undefined);
          if (gv === undefined || gv === code.value) continue;
          const h = histAt(ctx, gv);
          if (h && h.seeAlso === code.name) {
            x.note = 'The line also shows ' + hexShort(gv) + ', a wrong value for ' + code.name + ' (' + h.note + '): the module was built with that header.';
            break;
          }
          if (g.pairValue !== undefined && g === f) {
            x.note = 'The line gives the value ' + gv + ' (' + hexShort(gv) + ') next to ' + code.name + ', whose value is ' + hexShort(code.value) + '.';
            break;
          }
        }
      }
      return targetResult(ctx, f.target, x);
    }
    if (!wholeInput) x.readAs = f.token === 'hex' ? 'hex' : f.token === 'signed-decimal' ? 'signed-decimal' : 'decimal';
    return valueResult(ctx, f.value!, x);
  }

  // Several: a ranked candidate list of the codes and historical names among them.
  const cands: LookupCandidate[] = [];
  const valuesOnly: Finding[] = [];
  for (const f of top) {
    let t = f.target;
    if (!t && f.value !== undefined) {
      const code = codeAt(ctx, f.value);
      const h = code ? undefined : histAt(ctx, f.value);
      t = code ? target(code, undefined) : h ? target(undefined, h) : undefined;
      if (t && cands.some((c) => (c.code ?? c.historical)?.name === (t!.code ?? t!.historical)!.name)) continue;
    }
    if (!t) { valuesOnly.push(f); continue; }
    const v = findingValue(f) ?? 0;
    const item = t.code ?? t.historical!;
    const c: LookupCandidate = {
      name: item.name,
      value: item.value,
      hex: hexOf(ctx, item),
      matchedBy: f.suggestion ? 'typo' : 'error-line',
      suggestion: f.suggestion === true,
      reason: f.suggestion ? 'near miss of ' + clip(f.text) : f.token === 'message' ? 'message text in the line' : f.target ? 'named in the line' : 'value ' + hexShort(v) + ' in the line',
    };
    if (t.code) c.code = t.code;
    else c.historical = t.historical;
    if (f.distance !== undefined) c.distance = f.distance;
    cands.push(c);
  }
  if (cands.length === 0) {
    const f = valuesOnly[0];
    const line: LineMatch = { token: f.token, text: clip(f.text) };
    if (stack) line.stack = stack;
    const x = extra('error-line', line);
    x.note = 'The line shows other values too; this is the first one.';
    return valueResult(ctx, f.value!, x);
  }
  // CKR_OK is rarely the error someone is asking about: list it last. Typos: closest first.
  cands.sort((a, b) => (a.value === 0 ? 1 : 0) - (b.value === 0 ? 1 : 0) || (a.distance ?? 0) - (b.distance ?? 0));
  if (cands.length === 1) {
    const c = cands[0];
    const f = top.find((t) => (t.target?.code ?? t.target?.historical)?.name === c.name) ?? top[0];
    const line: LineMatch = { token: f.token, text: clip(f.text) };
    if (stack) line.stack = stack;
    const x = extra(c.suggestion ? 'typo' : 'error-line', line);
    x.suggestion = c.suggestion;
    if (c.distance !== undefined) x.distance = c.distance;
    return targetResult(ctx, target(c.code, c.historical), x);
  }
  const suggestion = cands.every((c) => c.suggestion);
  const r: CandidatesResult = {
    kind: 'candidates',
    candidates: cands.slice(0, MAX_CANDIDATES),
    total: cands.length,
    matchedBy: suggestion ? 'typo' : 'error-line',
    suggestion,
    message: suggestion
      ? 'Did you mean one of these ' + cands.length + ' codes?'
      : best === T_PHRASE
        ? 'The message fits ' + cands.length + ' codes.'
        : 'The text names ' + cands.length + ' codes.',
  };
  if (!wholeInput) {
    const first = top.find((f) => (f.target?.code ?? f.target?.historical)?.name === cands[0].name) ?? top[0];
    const line: LineMatch = { token: first.token, text: clip(first.text) };
    if (stack) line.stack = stack;
    r.line = line;
  }
  return r;
}

// ---------------------------------------------------------------------------------------------
// Words and typos
// ---------------------------------------------------------------------------------------------

const WORD_SPLIT = /[^A-Z0-9]+/;

interface Scored {
  w: WordEntry;
  score: number;
  exact: boolean;
}

/**
 * Names whose words include every query token (exact word, or a prefix of 3+ letters). Scores:
 * exact word 3 (4 when the first query word starts the name), prefix 1.
 */
function wordSearch(ctx: Ctx, tokens: readonly string[]): Scored[] {
  const fz = fuzzyOf(ctx);
  const score = fz.wordScore;
  const hits = fz.wordHits;
  const exact = fz.wordExact;
  score.fill(0);
  hits.fill(0);
  exact.fill(1);
  for (let qi = 0; qi < tokens.length; qi++) {
    const q = tokens[qi];
    const round = qi + 1;
    const ex = fz.tokenIndex.get(q);
    if (ex) {
      for (const i of ex) {
        if (hits[i] !== qi) continue;
        hits[i] = round;
        score[i] += qi === 0 && fz.words[i].tokens[0] === q ? 4 : 3;
      }
    }
    if (q.length >= 3) {
      const pre = fz.prefixIndex.get(q);
      if (pre) {
        for (const i of pre) {
          if (hits[i] !== qi) continue;
          hits[i] = round;
          score[i] += 1;
          exact[i] = 0;
        }
      }
    }
  }
  const out: Scored[] = [];
  const n = tokens.length;
  for (let i = 0; i < hits.length; i++) {
    if (hits[i] === n) out.push({ w: fz.words[i], score: score[i], exact: exact[i] === 1 });
  }
  return out;
}

/** Names that share the most exact words with the query (at least one). */
function partialWordSearch(ctx: Ctx, tokens: readonly string[]): Scored[] {
  const fz = fuzzyOf(ctx);
  const count = fz.wordHits;
  count.fill(0);
  for (const q of new Set(tokens)) {
    const ex = fz.tokenIndex.get(q);
    if (ex) for (const i of ex) count[i]++;
  }
  let best = 0;
  for (let i = 0; i < count.length; i++) if (count[i] > best) best = count[i];
  const out: Scored[] = [];
  if (best === 0) return out;
  for (let i = 0; i < count.length; i++) if (count[i] === best) out.push({ w: fz.words[i], score: best * 3, exact: false });
  return out;
}

function rankAndReturn(ctx: Ctx, hits: Scored[], tokens: readonly string[], guess: boolean): LookupResult {
  // Best score first; codes before historical names; then in spec order.
  hits.sort((a, b) => b.score - a.score || (a.w.target.code ? 0 : 1) - (b.w.target.code ? 0 : 1) || a.w.value - b.w.value);
  if (hits.length === 1) {
    const h = hits[0];
    const x = extra('words');
    if (guess || !h.exact) x.suggestion = true;
    return targetResult(ctx, h.w.target, x);
  }
  const words = tokens.join(' ');
  const cands: LookupCandidate[] = hits.slice(0, MAX_CANDIDATES).map((h) => {
    const item = h.w.target.code ?? h.w.target.historical!;
    const c: LookupCandidate = {
      name: item.name,
      value: item.value,
      hex: hexOf(ctx, item),
      matchedBy: 'words',
      suggestion: guess || !h.exact,
      reason: (h.exact ? 'name contains ' : 'name has words starting with ') + clip(words),
    };
    if (h.w.target.code) c.code = h.w.target.code;
    else c.historical = h.w.target.historical;
    return c;
  });
  return {
    kind: 'candidates',
    candidates: cands,
    total: hits.length,
    matchedBy: 'words',
    suggestion: guess || cands.every((c) => c.suggestion),
    message: hits.length + ' codes match' + (guess ? ' some of' : '') + ' these words.',
  };
}

function typoResult(ctx: Ctx, key: string, maxBudget = 3): LookupResult | null {
  const hits = typoMatches(ctx, key, maxBudget);
  if (hits.length === 0) return null;
  if (hits.length === 1) {
    const h = hits[0];
    const x = extra('typo');
    x.suggestion = true;
    x.distance = h.distance;
    return targetResult(ctx, h.target, x);
  }
  const cands: LookupCandidate[] = hits.slice(0, MAX_CANDIDATES).map((h) => {
    const item = h.target.code ?? h.target.historical!;
    const c: LookupCandidate = {
      name: item.name,
      value: item.value,
      hex: hexOf(ctx, item),
      matchedBy: 'typo',
      suggestion: true,
      reason: 'near miss (' + h.distance + (h.distance === 1 ? ' edit)' : ' edits)'),
      distance: h.distance,
    };
    if (h.target.code) c.code = h.target.code;
    else c.historical = h.target.historical;
    return c;
  });
  return {
    kind: 'candidates',
    candidates: cands,
    total: hits.length,
    matchedBy: 'typo',
    suggestion: true,
    message: 'Did you mean one of these ' + hits.length + ' codes?',
  };
}

function wordsAndTypos(ctx: Ctx, s: string): LookupResult | null {
  if (s.length > WORDS_MAX) return null;
  const upper = s.toUpperCase();
  const raw = upper.split(WORD_SPLIT).filter(Boolean);
  if (raw.length === 0 || raw.length > 8) return null;
  const tokens = raw.map((t) => SYNONYMS.get(t) ?? t).filter((t, i) => !(i === 0 && t === 'CKR' && raw.length > 1));
  // 1. every word matches (exact word or prefix of 3+ letters)
  let hits = wordSearch(ctx, tokens);
  if (hits.length > 0) return rankAndReturn(ctx, hits, tokens, false);
  const content = tokens.filter((t) => !STOPWORDS.has(t));
  if (content.length > 0 && content.length < tokens.length) {
    hits = wordSearch(ctx, content);
    if (hits.length > 0) return rankAndReturn(ctx, hits, content, false);
  }
  // 2. a near miss of a whole name
  const key = nameKey(s);
  if (key.length >= 4 && /^[A-Z0-9]+$/.test(key)) {
    const t = typoResult(ctx, key);
    if (t) return t;
    // typos of single words of a name ("pin incorect"): try each word against name words
  }
  // 3. some of the words
  // Numbers never match words of a name.
  const useful = (content.length > 0 ? content : tokens).filter((t) => t.length >= 2 && !isDigit(cc(t, 0)));
  if (useful.length > 1) {
    const partial = partialWordSearch(ctx, useful);
    // A guess from one word out of many is noise (`pid 4242 slot 1 session 3 failed`).
    const matched = partial.length > 0 ? partial[0].score / 3 : 0;
    if (matched >= 2 || (matched === 1 && useful.length <= 2)) return rankAndReturn(ctx, partial, useful, true);
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// The lookup
// ---------------------------------------------------------------------------------------------

const WRAP_OPEN = '\'"`([{<\u201c\u2018';
const WRAP_CLOSE = '\'"`)]}>\u201d\u2019';
/** Could be a name in some spelling: letters and separators (no name has a digit). */
const NAME_LIKE = /^[A-Za-z _.\-]+$/;
/** Could be words of a name (word search, typos). */
const WORDS_LIKE = /^[A-Za-z0-9 _.\-]+$/;
const PLAIN_WORD = /^[A-Za-z]+$/;

/** Strip quotes, brackets and trailing punctuation around a short input: `"0xA0"`, `(CKR_OK)`, `A0.` */
function unwrap(s: string): string {
  for (let k = 0; k < 3 && s.length >= 2; k++) {
    const o = WRAP_OPEN.indexOf(s[0]);
    if (o >= 0 && s[s.length - 1] === WRAP_CLOSE[o]) s = s.slice(1, -1).trim();
    else break;
  }
  while (s.length > 1 && '.,;:!?'.indexOf(s[s.length - 1]) >= 0) s = s.slice(0, -1);
  return s;
}

/** ANSI/VT escape sequences: CSI (colours, cursor), OSC (titles, links) and two-character escapes. */
// eslint-disable-next-line no-control-regex
const ANSI_ESCAPES = /(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;

function lookupOne(ctx: Ctx, input: unknown): LookupResult {
  if (typeof input !== 'string') return NONE_NOT_STRING;
  if (input.length === 0) return NONE_EMPTY;
  if (input.length <= FAST_MAX) {
    // Names start and end with a letter; digits and signs go straight to the number reader.
    const c0 = cc(input, 0) | 32;
    if (c0 >= 97 && c0 <= 122) {
      const cn = cc(input, input.length - 1) | 32;
      if (cn >= 97 && cn <= 122) {
        // A canonical name needs no more than the exact map (the other spellings are built on first need).
        const names = ctx.names;
        const exact = names === undefined ? ctx.byExactName.get(input) : input.length <= names.maxSpelling ? names.bySpelling.get(input) : undefined;
        if (exact) return targetResult(ctx, exact, extra('name'));
        if (names === undefined) {
          const built = namesOf(ctx);
          const spelled = input.length <= built.maxSpelling ? built.bySpelling.get(input) : undefined;
          if (spelled) return targetResult(ctx, spelled, extra('name'));
        }
      }
    } else if (isDigit(c0) || c0 === 45 /* - */ || c0 === 43 /* + */) {
      const num = parseNumber(input);
      if (num && !num.lettersOnly) return numberResult(ctx, num);
    }
  }
  let s = input.trim();
  // Text copied from a coloured terminal keeps its escape sequences (`\x1b[31mCKR_...\x1b[0m`).
  if (s.indexOf('\x1b') >= 0 || s.indexOf('\x9b') >= 0) s = s.replace(ANSI_ESCAPES, '').trim();
  if (s.length === 0) return NONE_EMPTY;

  if (s.length <= FAST_MAX) {
    s = unwrap(s);
    if (s.length === 0) return NONE_EMPTY;
    if (s.length !== input.length) {
      const t0 = namesOf(ctx).bySpelling.get(s);
      if (t0) return targetResult(ctx, t0, extra('name'));
    }
    const num = parseNumber(s);
    if (num && !num.lettersOnly) return numberResult(ctx, num);
    if (NAME_LIKE.test(s)) {
      const names = namesOf(ctx);
      const lower = names.byLower.get(s.toLowerCase());
      if (lower) return targetResult(ctx, lower, extra('name'));
      const key = nameKey(s);
      const t = names.byKey.get(key);
      if (t) return targetResult(ctx, t, extra('name'));
      // `CKR_PIN_INCORECT`: a lone near-miss name.
      if (s.length >= 5 && s.indexOf(' ') < 0 && (cc(s, 0) | 32) === 99 && (cc(s, 1) | 32) === 107 && (cc(s, 2) | 32) === 114) {
        const typo = typoResult(ctx, key, 2);
        if (typo) return typo;
      }
      if (num) {
        // Letters-only hex (`bad`, `cafe`, `a`): words first, then the number.
        const w = s.length >= 2 ? wordsAndTypos(ctx, s) : null;
        if (w && w.kind !== 'none' && !w.suggestion) {
          const a = alternative(ctx, num.value, 'hex');
          return a && (w.kind === 'code' || w.kind === 'historical') ? { ...w, alternatives: [a] } : w;
        }
        return numberResult(ctx, num);
      }
    }
  }

  // A single plain word (`pin`, `session`) was fully tried above as a name; the words search decides.
  const plainWord = s.length <= namesOf(ctx).maxSpelling && PLAIN_WORD.test(s);
  const line = plainWord ? null : lineResult(ctx, s);
  if (line && line.kind !== 'none') return line;
  if (s.length <= WORDS_MAX && WORDS_LIKE.test(s)) {
    const w = wordsAndTypos(ctx, s);
    if (w) return w;
  }
  return line ?? NONE_UNRECOGNISED;
}

export interface LookupOptions {
  /**
   * Re-throw internal errors instead of answering `none` (tests use it to prove the safety net is
   * never needed). Default false: the lookup never throws.
   */
  rethrow?: boolean;
}

/**
 * Build the lookup for an index. All maps are made here, once; the returned function is pure,
 * never throws, and does bounded work on any input. Results of plain lookups are shared, frozen
 * objects: treat every result as read-only.
 */
export function createLookup(index: LookupIndex, options: LookupOptions = {}): (input: string) => LookupResult {
  const ctx = buildCtx(index);
  const rethrow = options.rethrow === true;
  return (input: string): LookupResult => {
    try {
      return lookupOne(ctx, input);
    } catch (error) {
      if (rethrow) throw error;
      return NONE_UNRECOGNISED;
    }
  };
}
