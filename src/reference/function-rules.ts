/**
 * Codes the specification allows beyond each function's own "Return values" list.
 *
 * Source: OASIS PKCS#11 specification text, §5.1 "Function return values" (oasis-tcs/pkcs11,
 * working/doc/spec at commit 1c311902, the 3.3 working draft based on 3.2), summarised in
 * ../shared/reference/ckr-functions-rules.md. Facts only; the wording here is ours.
 */
export interface FunctionRule {
  /** Stable id, used in anchors and codes.json. */
  id: string;
  /** Short name shown on code pages. */
  title: string;
  /** What the rule says, in one sentence. */
  summary: string;
  codes: readonly string[];
  /** Functions the rule does not cover. */
  except?: readonly string[];
}

/** Functions that take no session and need no token (the spec's own exemption lists, plus the two 3.0 interface functions it forgot). */
const NO_SESSION = [
  'C_Initialize', 'C_Finalize', 'C_GetInfo', 'C_GetFunctionList', 'C_GetInterfaceList', 'C_GetInterface',
  'C_GetSlotList', 'C_GetSlotInfo', 'C_GetTokenInfo', 'C_WaitForSlotEvent', 'C_GetMechanismList',
  'C_GetMechanismInfo', 'C_InitToken', 'C_OpenSession', 'C_CloseAllSessions',
];
const NO_TOKEN = [
  'C_Initialize', 'C_Finalize', 'C_GetInfo', 'C_GetFunctionList', 'C_GetInterfaceList', 'C_GetInterface',
  'C_GetSlotList', 'C_GetSlotInfo', 'C_WaitForSlotEvent',
];

export const FUNCTION_RULES: readonly FunctionRule[] = [
  { id: 'universal', title: 'Any function',
    summary: 'Any Cryptoki function may return these (§5.1.1), in this order of priority.',
    codes: ['CKR_GENERAL_ERROR', 'CKR_HOST_MEMORY', 'CKR_FUNCTION_FAILED', 'CKR_OPERATION_NOT_VALIDATED', 'CKR_OK'] },
  { id: 'session', title: 'Any function that takes a session',
    summary: 'Any function that takes a session handle may return these (§5.1.2).',
    codes: ['CKR_SESSION_HANDLE_INVALID', 'CKR_DEVICE_REMOVED', 'CKR_SESSION_CLOSED'], except: NO_SESSION },
  { id: 'token', title: 'Any function that uses a token',
    summary: 'Any function that talks to a token may return these (§5.1.3).',
    codes: ['CKR_DEVICE_MEMORY', 'CKR_DEVICE_ERROR', 'CKR_TOKEN_NOT_PRESENT', 'CKR_DEVICE_REMOVED', 'CKR_TOKEN_NOT_INITIALIZED'], except: NO_TOKEN },
  { id: 'not-initialized', title: 'Any function before C_Initialize',
    summary: 'Every function except C_Initialize, C_GetFunctionList, C_GetInterfaceList and C_GetInterface returns this before the library is initialized (§5.1.6).',
    codes: ['CKR_CRYPTOKI_NOT_INITIALIZED'], except: ['C_Initialize', 'C_GetFunctionList', 'C_GetInterfaceList', 'C_GetInterface'] },
  { id: 'not-supported', title: 'Any function the library does not implement',
    summary: 'A library must export every function; those it does not implement return this.',
    codes: ['CKR_FUNCTION_NOT_SUPPORTED'] },
  { id: 'async', title: 'Functions running asynchronously',
    summary: 'A function running asynchronously (v3.2) returns this until its result is ready.',
    codes: ['CKR_PENDING'] },
  { id: 'output-buffer', title: 'Functions with variable-length output',
    summary: 'Functions that write into a caller-supplied buffer return this when it is too small, and report the size needed.',
    codes: ['CKR_BUFFER_TOO_SMALL'] },
  { id: 'callback', title: 'Application callbacks, not the library',
    summary: 'Returned by the application\'s surrender callback, not by a Cryptoki function (§5.1.4).',
    codes: ['CKR_CANCEL'] },
  { id: 'mutex', title: 'Application mutex callbacks',
    summary: 'Returned by the mutex functions the application passes to C_Initialize, not by the library (§5.1.5).',
    codes: ['CKR_MUTEX_BAD', 'CKR_MUTEX_NOT_LOCKED'] },
  { id: 'otp', title: 'OTP mechanisms on C_Verify',
    summary: 'The RSA SecurID OTP mechanisms add these to C_Verify (§6.40.4); they are not in C_Verify\'s own list.',
    codes: ['CKR_NEW_PIN_MODE', 'CKR_NEXT_OTP'] },
  { id: 'vendor', title: 'Vendor range',
    summary: 'Values from CKR_VENDOR_DEFINED up are reserved for vendors; any function of a vendor\'s library may return them.',
    codes: ['CKR_VENDOR_DEFINED'] },
];

/**
 * Where the spec contradicts itself about a code's functions, in one line (shown on the code page).
 * Source: ckr-functions-rules.md §5.
 */
export const SPEC_CONTRADICTIONS: Readonly<Record<string, string>> = {
  CKR_OPERATION_NOT_VALIDATED: 'Declared possible for any function, yet no function lists it.',
  CKR_TOKEN_NOT_INITIALIZED: 'Declared possible for any token function, yet no function lists it.',
  CKR_TOKEN_NOT_PRESENT: 'Declared possible for any token function, yet only a few lists name it; C_SessionCancel, C_AsyncGetID and C_AsyncJoin list it although they take a session, which the precedence rules say never returns it.',
  CKR_OPERATION_CANCEL_FAILED: 'The spec says only C_SessionCancel returns it, but twelve other functions (the operation Init functions, C_VerifySignatureInit, C_DecryptMessage) list it too.',
  CKR_WRAPPING_KEY_HANDLE_INVALID: 'Said to come only from C_WrapKey, but C_WrapKeyAuthenticated lists it too.',
  CKR_WRAPPING_KEY_SIZE_RANGE: 'Said to come only from C_WrapKey, but C_WrapKeyAuthenticated lists it too.',
  CKR_WRAPPING_KEY_TYPE_INCONSISTENT: 'Said to come only from C_WrapKey, but C_WrapKeyAuthenticated lists it too.',
  CKR_UNWRAPPING_KEY_HANDLE_INVALID: 'Said to come only from C_UnwrapKey, but C_UnwrapKeyAuthenticated and C_DecapsulateKey list it too.',
  CKR_UNWRAPPING_KEY_SIZE_RANGE: 'Said to come only from C_UnwrapKey, but C_UnwrapKeyAuthenticated and C_DecapsulateKey list it too.',
  CKR_UNWRAPPING_KEY_TYPE_INCONSISTENT: 'Said to come only from C_UnwrapKey, but C_UnwrapKeyAuthenticated and C_DecapsulateKey list it too.',
  CKR_WRAPPED_KEY_INVALID: 'Said to come only from C_UnwrapKey, but C_UnwrapKeyAuthenticated and C_DecapsulateKey list it too.',
  CKR_WRAPPED_KEY_LEN_RANGE: 'Said to come only from C_UnwrapKey, but C_UnwrapKeyAuthenticated and C_DecapsulateKey list it too.',
  CKR_USER_ALREADY_LOGGED_IN: 'Said to come only from C_Login, but C_LoginUser lists it too.',
  CKR_USER_ANOTHER_ALREADY_LOGGED_IN: 'Said to come only from C_Login, but C_LoginUser lists it too.',
  CKR_KEY_INDIGESTIBLE: 'Said to come only from C_DigestKey, but C_DigestXofKeyValue lists it too.',
  CKR_SAVED_STATE_INVALID: 'Said to come only from C_SetOperationState, but C_AsyncJoin lists it too.',
  CKR_FIPS_SELF_TEST_FAILED: 'Named as possible from C_Initialize, C_GenerateRandom, C_SeedRandom and C_GenerateKeyPair, none of which lists it.',
  CKR_PUBLIC_KEY_INVALID: 'Named as possible from C_CreateObject, the verify Init functions and C_DeriveKey, none of which lists it.',
  CKR_PENDING: 'Several v3.2 session functions (C_VerifySignature*, the authenticated wrap functions, encapsulation) do not list it, and C_OpenSession and C_CloseAllSessions mention it only in their prose.',
  CKR_EXCEEDED_MAX_ITERATIONS: 'Only C_DigestXofUpdate lists it.',
};

/** Ids of the rules that widen where `code` may come from. */
export function rulesForCode(code: string): string[] {
  return FUNCTION_RULES.filter((r) => r.codes.includes(code)).map((r) => r.id);
}
