import { describe, expect, it } from 'vitest';
import {
  MAX_ECHO,
  camelCaseName,
  createLookup,
  nameKey,
  type LookupResult,
  type MatchedBy,
} from '../../../src/lookup/lookup.ts';
import { index, lookup, specNames } from './fixture.ts';

/**
 * Expected outcome, compactly:
 *   `code:CKR_X`             exactly that code
 *   `vendor:0x101`           vendor-defined, with that offset from CKR_VENDOR_DEFINED
 *   `historical:CKR_X`       that historical entry
 *   `unassigned:CKR_A,CKR_B` not a code; nearest codes below and above (`-` for none)
 *   `candidates:CKR_A,CKR_B` a ranked list starting with these
 *   `none` / `none:reason`
 */
type Expect = string;
interface More {
  matchedBy?: MatchedBy;
  suggestion?: boolean;
  stack?: string;
  token?: string;
  /** Name of the code the other reading of the number gives. */
  alt?: string;
  seeAlso?: string;
  note?: RegExp;
}
type Case = readonly [input: string, expect: Expect, more?: More];

const HEX: Case[] = [
  ['0xa0', 'code:CKR_PIN_INCORRECT', { matchedBy: 'hex' }],
  ['0xA0', 'code:CKR_PIN_INCORRECT', { matchedBy: 'hex' }],
  ['0XA0', 'code:CKR_PIN_INCORRECT', { matchedBy: 'hex' }],
  ['A0', 'code:CKR_PIN_INCORRECT', { matchedBy: 'hex' }],
  ['a0', 'code:CKR_PIN_INCORRECT', { matchedBy: 'hex' }],
  ['0x000000a0', 'code:CKR_PIN_INCORRECT', { matchedBy: 'hex' }],
  ['0x000000A0', 'code:CKR_PIN_INCORRECT', { matchedBy: 'hex' }],
  ['000000A0', 'code:CKR_PIN_INCORRECT', { matchedBy: 'hex' }],
  ['000000a0', 'code:CKR_PIN_INCORRECT', { matchedBy: 'hex' }],
  ['A0h', 'code:CKR_PIN_INCORRECT', { matchedBy: 'hex' }],
  ['0A0h', 'code:CKR_PIN_INCORRECT', { matchedBy: 'hex' }],
  ['0a0H', 'code:CKR_PIN_INCORRECT', { matchedBy: 'hex' }],
  ['0x00A0', 'code:CKR_PIN_INCORRECT', { matchedBy: 'hex' }],
  ['0x000000A0UL', 'code:CKR_PIN_INCORRECT', { matchedBy: 'hex' }],
  ['0x00000000000000a0', 'code:CKR_PIN_INCORRECT', { matchedBy: 'hex' }],
  ['  0xa0  ', 'code:CKR_PIN_INCORRECT'],
  ['"0xA0"', 'code:CKR_PIN_INCORRECT'],
  ['`0xa0`', 'code:CKR_PIN_INCORRECT'],
  ['0x0', 'code:CKR_OK'],
  ['0x00000000', 'code:CKR_OK'],
  ['0x5', 'code:CKR_GENERAL_ERROR'],
  ['0x1b', 'code:CKR_ACTION_PROHIBITED'],
  ['0x30', 'code:CKR_DEVICE_ERROR'],
  ['0x42', 'code:CKR_AEAD_DECRYPT_FAILED'],
  ['0xE0', 'code:CKR_TOKEN_NOT_PRESENT'],
  ['0xB3', 'code:CKR_SESSION_HANDLE_INVALID'],
  ['0x101', 'code:CKR_USER_NOT_LOGGED_IN'],
  ['0x150', 'code:CKR_BUFFER_TOO_SMALL'],
  ['0x190', 'code:CKR_CRYPTOKI_NOT_INITIALIZED'],
  ['1B5', 'code:CKR_EXCEEDED_MAX_ITERATIONS'],
  ['0x1B8', 'code:CKR_PIN_TOO_WEAK'],
  ['0x209', 'code:CKR_PARAMETER_SET_NOT_SUPPORTED'],
  ['0x80000000', 'code:CKR_VENDOR_DEFINED'],
  ['a', 'code:CKR_CANT_LOCK', { matchedBy: 'hex' }],
  ['cafe', 'unassigned:CKR_PARAMETER_SET_NOT_SUPPORTED,CKR_VENDOR_DEFINED'],
];

const DECIMAL: Case[] = [
  ['160', 'code:CKR_PIN_INCORRECT', { matchedBy: 'decimal', alt: 'CKR_SAVED_STATE_INVALID' }],
  ['0', 'code:CKR_OK', { matchedBy: 'decimal' }],
  ['5', 'code:CKR_GENERAL_ERROR'],
  ['6', 'code:CKR_FUNCTION_FAILED'],
  ['48', 'code:CKR_DEVICE_ERROR', { matchedBy: 'decimal' }],
  ['112', 'code:CKR_MECHANISM_INVALID'],
  ['130', 'code:CKR_OBJECT_HANDLE_INVALID', { alt: 'CKR_DOMAIN_PARAMS_INVALID' }],
  ['179', 'code:CKR_SESSION_HANDLE_INVALID'],
  ['224', 'code:CKR_TOKEN_NOT_PRESENT'],
  ['257', 'code:CKR_USER_NOT_LOGGED_IN'],
  ['336', 'code:CKR_BUFFER_TOO_SMALL'],
  ['400', 'code:CKR_CRYPTOKI_NOT_INITIALIZED'],
  ['512', 'code:CKR_FUNCTION_REJECTED'],
  ['2147483648', 'code:CKR_VENDOR_DEFINED', { matchedBy: 'decimal' }],
  ['2147483905', 'vendor:0x101', { matchedBy: 'decimal' }],
  // ambiguous: decimal first, hex reading as the alternative
  ['100', 'code:CKR_KEY_NOT_NEEDED', { matchedBy: 'decimal', alt: 'CKR_USER_ALREADY_LOGGED_IN' }],
  ['10', 'code:CKR_CANT_LOCK', { matchedBy: 'decimal', alt: 'CKR_ATTRIBUTE_READ_ONLY' }],
  ['82', 'historical:CKR_FUNCTION_PARALLEL', { matchedBy: 'decimal', alt: 'CKR_OBJECT_HANDLE_INVALID' }],
  // zero padding and the 8-digit width are how hex is printed
  ['0100', 'code:CKR_USER_ALREADY_LOGGED_IN', { matchedBy: 'hex', alt: 'CKR_KEY_NOT_NEEDED' }],
  ['00000100', 'code:CKR_USER_ALREADY_LOGGED_IN', { matchedBy: 'hex', alt: 'CKR_KEY_NOT_NEEDED' }],
  ['80000001', 'vendor:0x1', { matchedBy: 'hex' }],
  ['4294967296', 'none:out-of-range'],
  ['0x100000000', 'none:out-of-range'],
];

const SIGNED: Case[] = [
  ['-2147483648', 'code:CKR_VENDOR_DEFINED', { matchedBy: 'signed-decimal' }],
  ['-2147483647', 'vendor:0x1', { matchedBy: 'signed-decimal' }],
  ['-2147483391', 'vendor:0x101', { matchedBy: 'signed-decimal' }],
  ['-1', 'vendor:0x7FFFFFFF', { matchedBy: 'signed-decimal' }],
  ['-2147483649', 'none:out-of-range'],
  ['0xFFFFFFFF80000001', 'vendor:0x1', { note: /sign-extended/ }],
  ['18446744071562067969', 'vendor:0x1', { note: /unsigned 64-bit/ }],
];

const NAMES: Case[] = [
  ['CKR_PIN_INCORRECT', 'code:CKR_PIN_INCORRECT', { matchedBy: 'name', suggestion: false }],
  ['pin incorrect', 'code:CKR_PIN_INCORRECT', { matchedBy: 'name' }],
  ['PIN-INCORRECT', 'code:CKR_PIN_INCORRECT', { matchedBy: 'name' }],
  ['ckr_pin_incorrect', 'code:CKR_PIN_INCORRECT', { matchedBy: 'name' }],
  ['PIN_INCORRECT', 'code:CKR_PIN_INCORRECT'],
  ['Pin Incorrect', 'code:CKR_PIN_INCORRECT'],
  ['ckr-pin-incorrect', 'code:CKR_PIN_INCORRECT'],
  ['pin.incorrect', 'code:CKR_PIN_INCORRECT'],
  ['pinincorrect', 'code:CKR_PIN_INCORRECT'],
  ['Ckr_Pin_Incorrect', 'code:CKR_PIN_INCORRECT'],
  ['pin _ incorrect', 'code:CKR_PIN_INCORRECT'],
  ['  CKR_PIN_INCORRECT  ', 'code:CKR_PIN_INCORRECT'],
  ['`CKR_PIN_INCORRECT`', 'code:CKR_PIN_INCORRECT'],
  ['CKR_PIN_INCORRECT.', 'code:CKR_PIN_INCORRECT'],
  ['CKR_OK', 'code:CKR_OK'],
  ['ok', 'code:CKR_OK'],
  ['CKR_VENDOR_DEFINED', 'code:CKR_VENDOR_DEFINED'],
  ['CKR_ACTION_PROHIBITED', 'code:CKR_ACTION_PROHIBITED'],
  ['ckr_function_canceled', 'code:CKR_FUNCTION_CANCELED'],
  ['session handle invalid', 'code:CKR_SESSION_HANDLE_INVALID'],
  ['user not logged in', 'code:CKR_USER_NOT_LOGGED_IN'],
  ['CKR_PIN_TOO_WEAK', 'code:CKR_PIN_TOO_WEAK'],
  ['CKR_EXCEEDED_MAX_ITERATIONS', 'code:CKR_EXCEEDED_MAX_ITERATIONS'],
  // CamelCase: cryptoki RvError variants and python-pkcs11 classes
  ['PinIncorrect', 'code:CKR_PIN_INCORRECT', { matchedBy: 'name' }],
  ['SessionHandleInvalid', 'code:CKR_SESSION_HANDLE_INVALID'],
  ['UserNotLoggedIn', 'code:CKR_USER_NOT_LOGGED_IN'],
  ['SignatureInvalid', 'code:CKR_SIGNATURE_INVALID'],
  ['RandomNoRNG', 'code:CKR_RANDOM_NO_RNG'],
  ['SlotIDInvalid', 'code:CKR_SLOT_ID_INVALID'],
  ['SessionReadWriteSOExists', 'code:CKR_SESSION_READ_WRITE_SO_EXISTS'],
  ['FunctionCancelled', 'code:CKR_FUNCTION_CANCELED', { matchedBy: 'alias', note: /python-pkcs11/ }],
  ['TokenNotRecognised', 'code:CKR_TOKEN_NOT_RECOGNIZED', { matchedBy: 'alias' }],
  ['AnotherUserAlreadyLoggedIn', 'code:CKR_USER_ANOTHER_ALREADY_LOGGED_IN', { matchedBy: 'alias' }],
  ['NoSuchKey', 'none'],
];

const TYPOS: Case[] = [
  ['CKR_PIN_INCORECT', 'code:CKR_PIN_INCORRECT', { matchedBy: 'typo', suggestion: true }],
  ['CKR_PIN_INCORRETC', 'code:CKR_PIN_INCORRECT', { matchedBy: 'typo', suggestion: true }],
  ['CKR_PIN_INCORRRECT', 'code:CKR_PIN_INCORRECT', { suggestion: true }],
  ['ckr_pin_incorect', 'code:CKR_PIN_INCORRECT', { suggestion: true }],
  ['CKR_SESION_CLOSED', 'code:CKR_SESSION_CLOSED', { suggestion: true }],
  ['CKR_SLOT_ID_INVLAID', 'code:CKR_SLOT_ID_INVALID', { suggestion: true }],
  ['CKR_TOKEN_NOT_PRESNT', 'code:CKR_TOKEN_NOT_PRESENT', { suggestion: true }],
  ['CKR_USER_NOT_LOGED_IN', 'code:CKR_USER_NOT_LOGGED_IN', { suggestion: true }],
  ['CKR_MECHANISM_INVALD', 'code:CKR_MECHANISM_INVALID', { suggestion: true }],
  ['CKR_DEVICE_ERORR', 'code:CKR_DEVICE_ERROR', { suggestion: true }],
  ['CKR_ATRIBUTE_TYPE_INVALID', 'code:CKR_ATTRIBUTE_TYPE_INVALID', { suggestion: true }],
  ['CKR_BUFFER_TO_SMALL', 'code:CKR_BUFFER_TOO_SMALL', { suggestion: true }],
  ['CKR_SIGNATUER_INVLAID', 'code:CKR_SIGNATURE_INVALID', { suggestion: true }],
  ['pin incorect', 'code:CKR_PIN_INCORRECT', { suggestion: true }],
  ['PinIncorect', 'code:CKR_PIN_INCORRECT', { suggestion: true }],
  ['CKR_COPY_PROHIBITTED', 'historical:CKR_COPY_PROHIBITED', { suggestion: true }],
  ['C_Login returned CKR_PIN_INCORECT', 'code:CKR_PIN_INCORRECT', { matchedBy: 'typo', suggestion: true }],
  ['CKR_QWERTY_ASDFGH', 'none'],
];

const WORDS: Case[] = [
  ['pin', 'candidates:CKR_PIN_INCORRECT,CKR_PIN_INVALID,CKR_PIN_LEN_RANGE,CKR_PIN_EXPIRED,CKR_PIN_LOCKED', { matchedBy: 'words' }],
  ['PIN', 'candidates:CKR_PIN_INCORRECT'],
  ['session', 'candidates:CKR_SESSION_CLOSED,CKR_SESSION_COUNT'],
  ['key handle', 'candidates:CKR_KEY_HANDLE_INVALID,CKR_UNWRAPPING_KEY_HANDLE_INVALID,CKR_WRAPPING_KEY_HANDLE_INVALID'],
  ['signature', 'candidates:CKR_SIGNATURE_INVALID,CKR_SIGNATURE_LEN_RANGE'],
  ['mutex', 'candidates:CKR_MUTEX_BAD,CKR_MUTEX_NOT_LOCKED'],
  ['bad', 'candidates:CKR_ARGUMENTS_BAD,CKR_MUTEX_BAD'],
  ['locked', 'candidates:CKR_PIN_LOCKED,CKR_MUTEX_NOT_LOCKED'],
  ['incorrect', 'code:CKR_PIN_INCORRECT', { matchedBy: 'words' }],
  ['wrong pin', 'code:CKR_PIN_INCORRECT', { matchedBy: 'words' }],
  ['locked pin', 'code:CKR_PIN_LOCKED'],
  ['my pin is locked', 'code:CKR_PIN_LOCKED'],
  ['token not present', 'code:CKR_TOKEN_NOT_PRESENT'],
  ['not logged in', 'code:CKR_USER_NOT_LOGGED_IN', { matchedBy: 'words' }],
  ['logged in', 'candidates:CKR_USER_ALREADY_LOGGED_IN,CKR_USER_NOT_LOGGED_IN,CKR_USER_ANOTHER_ALREADY_LOGGED_IN'],
  ['pin locked after 3 tries', 'code:CKR_PIN_LOCKED', { suggestion: true }],
  ['copy prohibited', 'historical:CKR_COPY_PROHIBITED'],
  ['prohibited', 'candidates:CKR_ACTION_PROHIBITED,CKR_COPY_PROHIBITED'],
];

const PKCS11JS: Case[] = [
  ['Error: CKR_PIN_INCORRECT', 'code:CKR_PIN_INCORRECT', { matchedBy: 'error-line', token: 'name' }],
  ['Pkcs11Error: CKR_PIN_INCORRECT', 'code:CKR_PIN_INCORRECT', { stack: 'pkcs11js' }],
  ['CKR_PIN_INCORRECT:160', 'code:CKR_PIN_INCORRECT', { matchedBy: 'error-line', token: 'pair', stack: 'pkcs11js' }],
  ['Error: CKR_PIN_INCORRECT:160\n    at PKCS11.C_Login (native)', 'code:CKR_PIN_INCORRECT', { stack: 'pkcs11js' }],
  ['NativeError: CKR_SESSION_HANDLE_INVALID:179', 'code:CKR_SESSION_HANDLE_INVALID', { stack: 'pkcs11js' }],
  ['CKR_VENDOR_DEFINED:2147483905', 'vendor:0x101', { token: 'pair', stack: 'pkcs11js' }],
  ['Error: CKR_VENDOR_DEFINED:2147483649\n    at PKCS11.C_Sign (native)', 'vendor:0x1'],
  // pkcs11js names every code it does not know CKR_VENDOR_DEFINED: the number is the truth
  ['CKR_VENDOR_DEFINED:27', 'code:CKR_ACTION_PROHIBITED', { note: /pkcs11js labels/ }],
  ['Error: CKR_VENDOR_DEFINED:514', 'code:CKR_OPERATION_CANCEL_FAILED', { note: /pkcs11js labels/ }],
  ['Pkcs11Error: CKR_VENDOR_DEFINED:769', 'unassigned:CKR_PARAMETER_SET_NOT_SUPPORTED,CKR_VENDOR_DEFINED'],
];

const JAVA: Case[] = [
  ['sun.security.pkcs11.wrapper.PKCS11Exception: CKR_PIN_INCORRECT', 'code:CKR_PIN_INCORRECT', { stack: 'sunpkcs11', token: 'name' }],
  ['PKCS11Exception: 0x000000a0', 'code:CKR_PIN_INCORRECT', { stack: 'sunpkcs11', token: 'hex' }],
  ['sun.security.pkcs11.wrapper.PKCS11Exception: 0x80000101', 'vendor:0x101', { stack: 'sunpkcs11' }],
  [
    'java.security.ProviderException: Initialization failed\n\tat sun.security.pkcs11.SunPKCS11.initToken(SunPKCS11.java:1214)\nCaused by: sun.security.pkcs11.wrapper.PKCS11Exception: CKR_TOKEN_NOT_PRESENT',
    'code:CKR_TOKEN_NOT_PRESENT', { stack: 'sunpkcs11' },
  ],
  [
    'javax.security.auth.login.FailedLoginException\n\tat sun.security.pkcs11.SunPKCS11.login(SunPKCS11.java:1245)\nCaused by: sun.security.pkcs11.wrapper.PKCS11Exception: CKR_PIN_INCORRECT\n\tat sun.security.pkcs11.wrapper.PKCS11.C_Login(Native Method)',
    'code:CKR_PIN_INCORRECT', { stack: 'sunpkcs11' },
  ],
  ['java.security.ProviderException: java.security.KeyException: CKR_KEY_FUNCTION_NOT_PERMITTED', 'code:CKR_KEY_FUNCTION_NOT_PERMITTED'],
  ['java.security.ProviderException: Could not initialize NSS\nCaused by: sun.security.pkcs11.wrapper.PKCS11Exception: CKR_DEVICE_ERROR', 'code:CKR_DEVICE_ERROR'],
  ['Caused by: sun.security.pkcs11.wrapper.PKCS11Exception: CKR_ATTRIBUTE_SENSITIVE', 'code:CKR_ATTRIBUTE_SENSITIVE'],
];

const GO: Case[] = [
  ['pkcs11: 0xA0: CKR_PIN_INCORRECT', 'code:CKR_PIN_INCORRECT', { stack: 'miekg-pkcs11', token: 'name' }],
  ['login failed: pkcs11: 0x101: CKR_USER_NOT_LOGGED_IN', 'code:CKR_USER_NOT_LOGGED_IN', { stack: 'miekg-pkcs11' }],
  ['pkcs11: 0x80000101: ', 'vendor:0x101', { stack: 'miekg-pkcs11', token: 'hex' }],
  ['sign: pkcs11: 0x68: CKR_KEY_FUNCTION_NOT_PERMITTED', 'code:CKR_KEY_FUNCTION_NOT_PERMITTED'],
];

const RUST: Case[] = [
  ['Pkcs11(PinIncorrect, Login)', 'code:CKR_PIN_INCORRECT', { stack: 'cryptoki', token: 'camel-case' }],
  ['Error::Pkcs11(RvError::PinIncorrect, Function::Login)', 'code:CKR_PIN_INCORRECT', { stack: 'cryptoki' }],
  ['Pkcs11(UserNotLoggedIn, Sign)', 'code:CKR_USER_NOT_LOGGED_IN'],
  ['Pkcs11(Cancel, Login)', 'code:CKR_CANCEL', { token: 'camel-case' }],
  ['called `Result::unwrap()` on an `Err` value: Pkcs11(TokenNotPresent, OpenSession)', 'code:CKR_TOKEN_NOT_PRESENT', { stack: 'cryptoki' }],
  ['Err(Pkcs11(KeyHandleInvalid, SignInit))', 'code:CKR_KEY_HANDLE_INVALID'],
  ['Login: PKCS11 error: The specified PIN is incorrect, i.e., does not match the PIN stored on the token.', 'code:CKR_PIN_INCORRECT', { stack: 'cryptoki', token: 'message' }],
];

const PYTHON: Case[] = [
  ['pkcs11.exceptions.PinIncorrect', 'code:CKR_PIN_INCORRECT', { stack: 'python-pkcs11', token: 'camel-case' }],
  ['pkcs11.exceptions.SignatureInvalid', 'code:CKR_SIGNATURE_INVALID', { stack: 'python-pkcs11' }],
  ['pkcs11.exceptions.FunctionCancelled', 'code:CKR_FUNCTION_CANCELED', { stack: 'python-pkcs11' }],
  ['pkcs11.exceptions.TokenNotRecognised', 'code:CKR_TOKEN_NOT_RECOGNIZED'],
  ['Traceback (most recent call last):\n  File "sign.py", line 12, in <module>\npkcs11.exceptions.UserNotLoggedIn', 'code:CKR_USER_NOT_LOGGED_IN', { stack: 'python-pkcs11' }],
  ['pkcs11.exceptions.NoSuchKey: No key matching {<Attribute.LABEL: 3>: "sign"}', 'none'],
  ['raise DeviceRemoved()', 'code:CKR_DEVICE_REMOVED', { token: 'camel-case' }],
];

const OPENSC: Case[] = [
  ['error: PKCS11 function C_Login failed: rv = CKR_PIN_INCORRECT (0xa0)', 'code:CKR_PIN_INCORRECT', { stack: 'opensc', token: 'pair' }],
  ['error: PKCS11 function C_Sign failed: rv = CKR_KEY_FUNCTION_NOT_PERMITTED (0x68)', 'code:CKR_KEY_FUNCTION_NOT_PERMITTED', { stack: 'opensc' }],
  ['error: PKCS11 function C_OpenSession failed: rv = unknown PKCS11 error (0x80000101)', 'vendor:0x101', { stack: 'opensc' }],
  ['pkcs11-tool: C_Initialize() failed: CKR_CRYPTOKI_ALREADY_INITIALIZED', 'code:CKR_CRYPTOKI_ALREADY_INITIALIZED', { stack: 'opensc' }],
];

const P11KIT: Case[] = [
  ["p11-kit: couldn't log in: The password or PIN is incorrect", 'code:CKR_PIN_INCORRECT', { stack: 'p11-kit', token: 'message' }],
  ['p11-kit: C_Login returned rv 0xa0', 'code:CKR_PIN_INCORRECT', { stack: 'p11-kit', token: 'hex' }],
  ['p11-kit: module returned CKR_DEVICE_REMOVED', 'code:CKR_DEVICE_REMOVED', { stack: 'p11-kit' }],
  ["trust: couldn't initialize module: p11-kit: The module has not been initialized", 'code:CKR_CRYPTOKI_NOT_INITIALIZED'],
  ['p11-kit: Insufficient memory available on the device', 'code:CKR_DEVICE_MEMORY'],
  ['p11-kit: The operation was cancelled', 'candidates:CKR_CANCEL,CKR_FUNCTION_CANCELED', { matchedBy: 'error-line' }],
  // a generic phrase counts only next to PKCS#11 words
  ['Internal error', 'none'],
  ['p11-kit: Internal error', 'code:CKR_GENERAL_ERROR'],
];

const OPENSSL: Case[] = [
  ['error:410000A0:PKCS#11 module:pkcs11_login:PIN incorrect', 'code:CKR_PIN_INCORRECT', { stack: 'openssl', token: 'message' }],
  ['error:41000070:PKCS#11 module:pkcs11_private_encrypt:Mechanism invalid', 'code:CKR_MECHANISM_INVALID', { stack: 'openssl' }],
  ['error:41000101:PKCS#11 module::User not logged in', 'code:CKR_USER_NOT_LOGGED_IN'],
  ['error:410000E0:PKCS#11 module:pkcs11_check_token:No PKCS#11 token present', 'code:CKR_TOKEN_NOT_PRESENT'],
  ['PKCS11_get_private_key returned NULL\nerror:41000068:PKCS#11 module::CKR_KEY_FUNCTION_NOT_PERMITTED', 'code:CKR_KEY_FUNCTION_NOT_PERMITTED', { stack: 'openssl' }],
  ['engine pkcs11: sign failed rv=0x000000A0', 'code:CKR_PIN_INCORRECT', { stack: 'openssl', token: 'hex' }],
  ['pkcs11 provider: C_Sign failed, rv=160', 'code:CKR_PIN_INCORRECT', { token: 'decimal' }],
];

const MARKED: Case[] = [
  ['rv = 0xa0', 'code:CKR_PIN_INCORRECT', { token: 'hex' }],
  ['rv=160', 'code:CKR_PIN_INCORRECT', { token: 'decimal' }],
  ['rv: 257', 'code:CKR_USER_NOT_LOGGED_IN'],
  ['C_Login returned 0x000000A0', 'code:CKR_PIN_INCORRECT'],
  ['ret=0x101', 'code:CKR_USER_NOT_LOGGED_IN'],
  ['rc = 0x00000007', 'code:CKR_ARGUMENTS_BAD'],
  ['error code 224', 'code:CKR_TOKEN_NOT_PRESENT'],
  ['CK_RV 0x30', 'code:CKR_DEVICE_ERROR'],
  ['status=0xE0', 'code:CKR_TOKEN_NOT_PRESENT'],
  ['(0xa0)', 'code:CKR_PIN_INCORRECT'],
  ['rv = -2147483647', 'vendor:0x1', { token: 'signed-decimal' }],
  ['C_Sign failed with 0x1c3', 'historical:CKR_PIN_TOO_WEAK'],
  ['rv=0x43', 'unassigned:CKR_AEAD_DECRYPT_FAILED,CKR_FUNCTION_CANCELED'],
];

const NOT_CODES: Case[] = [
  ['2024-05-01 12:00:00 [1234] C_Login failed at line 160', 'none:unmarked-numbers'],
  ['pid 4242 slot 1 session 3 failed', 'none'],
  ['exit code 1', 'none'],
  ['hSession=0x1 hObject=0x2', 'none'],
  ['CKM_RSA_PKCS (0x1) failed', 'none'],
  ['PKCS#11 v2.40 spec', 'none'],
  ['Segmentation fault (core dumped)', 'none'],
  ['hello world', 'none'],
  ['<script>alert(1)</script>', 'none'],
  ['<img src=x onerror=alert(1)>', 'none'],
  ['\u202eCKR_PIN_INCORRECT\u202c', 'code:CKR_PIN_INCORRECT'],
  ['', 'none:empty'],
  ['   ', 'none:empty'],
  ['\n\t', 'none:empty'],
  ['???', 'none'],
  ['C_Login', 'none'],
];

const MULTI: Case[] = [
  ['expected CKR_OK got CKR_PIN_INCORRECT', 'candidates:CKR_PIN_INCORRECT,CKR_OK', { matchedBy: 'error-line' }],
  ['C_Login: CKR_PIN_INCORRECT, then CKR_PIN_LOCKED', 'candidates:CKR_PIN_INCORRECT,CKR_PIN_LOCKED'],
  ['CKR_PIN_INCORRECT (0xa0) CKR_PIN_INCORRECT:160', 'code:CKR_PIN_INCORRECT'],
];

const HISTORICAL: Case[] = [
  ['0x1C0', 'historical:CKR_EXCEEDED_MAX_ITERATIONS', { seeAlso: 'CKR_EXCEEDED_MAX_ITERATIONS' }],
  ['0x1c1', 'historical:CKR_FIPS_SELF_TEST_FAILED', { seeAlso: 'CKR_FIPS_SELF_TEST_FAILED' }],
  ['0x1C2', 'historical:CKR_LIBRARY_LOAD_FAILED', { seeAlso: 'CKR_LIBRARY_LOAD_FAILED' }],
  ['0x1C3', 'historical:CKR_PIN_TOO_WEAK', { seeAlso: 'CKR_PIN_TOO_WEAK' }],
  ['0x000001C4', 'historical:CKR_PUBLIC_KEY_INVALID', { seeAlso: 'CKR_PUBLIC_KEY_INVALID' }],
  ['448', 'historical:CKR_EXCEEDED_MAX_ITERATIONS', { matchedBy: 'decimal' }],
  ['0x52', 'historical:CKR_FUNCTION_PARALLEL'],
  ['0x1A', 'historical:CKR_COPY_PROHIBITED', { seeAlso: 'CKR_ACTION_PROHIBITED' }],
  ['26', 'historical:CKR_COPY_PROHIBITED'],
  ['CKR_COPY_PROHIBITED', 'historical:CKR_COPY_PROHIBITED', { matchedBy: 'name', seeAlso: 'CKR_ACTION_PROHIBITED' }],
  ['0x04', 'historical:CKR_FLAGS_INVALID'],
  ['CKR_FLAGS_INVALID', 'historical:CKR_FLAGS_INVALID'],
  ['0x61', 'historical:CKR_KEY_SENSITIVE'],
  ['0x80', 'historical:CKR_OBJECT_CLASS_INCONSISTENT'],
  ['0x81', 'historical:CKR_OBJECT_CLASS_INVALID'],
  ['0xB2', 'historical:CKR_SESSION_EXCLUSIVE_EXISTS'],
  ['C_CopyObject returned CKR_COPY_PROHIBITED', 'historical:CKR_COPY_PROHIBITED', { matchedBy: 'error-line' }],
  ['C_Login = CKR_PIN_TOO_WEAK (0x1c3)', 'code:CKR_PIN_TOO_WEAK', { note: /0x1C3, a wrong value for CKR_PIN_TOO_WEAK \(p11-kit/ }],
];

const UNASSIGNED: Case[] = [
  ['0x43', 'unassigned:CKR_AEAD_DECRYPT_FAILED,CKR_FUNCTION_CANCELED'],
  ['0x111', 'unassigned:CKR_WRAPPED_KEY_INVALID,CKR_WRAPPED_KEY_LEN_RANGE'],
  ['0x300', 'unassigned:CKR_PARAMETER_SET_NOT_SUPPORTED,CKR_VENDOR_DEFINED'],
  ['0x0B', 'unassigned:CKR_CANT_LOCK,CKR_ATTRIBUTE_READ_ONLY'],
  ['0x1BA', 'unassigned:CKR_PUBLIC_KEY_INVALID,CKR_FUNCTION_REJECTED'],
  ['0x20A', 'unassigned:CKR_PARAMETER_SET_NOT_SUPPORTED,CKR_VENDOR_DEFINED'],
  ['0x7FFFFFFF', 'unassigned:CKR_PARAMETER_SET_NOT_SUPPORTED,CKR_VENDOR_DEFINED'],
  ['1234', 'unassigned:CKR_PARAMETER_SET_NOT_SUPPORTED,CKR_VENDOR_DEFINED', { matchedBy: 'decimal' }],
];

/** Copied from a coloured terminal: the escape sequences are not part of the text. */
const TERMINAL: Case[] = [
  ['\x1b[31mCKR_PIN_INCORRECT\x1b[0m', 'code:CKR_PIN_INCORRECT'],
  ['\x1b[1;31m0xA0\x1b[0m', 'code:CKR_PIN_INCORRECT'],
  ['\x1b[1;31mError:\x1b[0m C_Sign rv=0x\x1b[1m00000068\x1b[22m', 'code:CKR_KEY_FUNCTION_NOT_PERMITTED'],
  ['\x1b]0;hsm\x07\x1b[33mwarning\x1b[39m: CKR_SESSION_HANDLE_INVALID', 'code:CKR_SESSION_HANDLE_INVALID'],
  ['\x1b[31m\x1b[0m', 'none'],
];

const GROUPS: Record<string, Case[]> = {
  hex: HEX, decimal: DECIMAL, signed: SIGNED, names: NAMES, typos: TYPOS, words: WORDS, pkcs11js: PKCS11JS, java: JAVA, go: GO,
  rust: RUST, python: PYTHON, opensc: OPENSC, 'p11-kit': P11KIT, openssl: OPENSSL, marked: MARKED, 'not codes': NOT_CODES,
  multi: MULTI, historical: HISTORICAL, unassigned: UNASSIGNED, terminal: TERMINAL,
};

const nameOf = (r: LookupResult): string | undefined =>
  r.kind === 'code' ? r.code.name : r.kind === 'historical' ? r.entry.name : undefined;

function check(input: string, expectation: Expect, more: More = {}): void {
  const r = lookup(input);
  const [kind, arg] = expectation.split(/:(.*)/s) as [string, string | undefined];
  expect(r.kind, `kind for ${JSON.stringify(input)}: ${r.message}`).toBe(kind);
  switch (r.kind) {
    case 'code':
    case 'historical':
      expect(nameOf(r)).toBe(arg);
      break;
    case 'vendor':
      expect(r.offset).toBe(Number.parseInt(arg!, 16));
      expect(r.value).toBe(0x80000000 + r.offset);
      expect(r.vendorDefined?.name).toBe('CKR_VENDOR_DEFINED');
      expect(r.offsetHex).toBe('0x' + r.offset.toString(16).toUpperCase());
      break;
    case 'unassigned': {
      const [below, above] = arg!.split(',');
      expect(r.below?.name ?? '-').toBe(below);
      expect(r.above?.name ?? '-').toBe(above);
      break;
    }
    case 'candidates': {
      const names = r.candidates.map((c) => c.name);
      expect(names.slice(0, arg!.split(',').length)).toEqual(arg!.split(','));
      expect(r.candidates.length).toBeGreaterThan(1);
      break;
    }
    case 'none':
      if (arg) expect(r.reason).toBe(arg);
      break;
  }
  if (more.matchedBy) expect('matchedBy' in r && r.matchedBy).toBe(more.matchedBy);
  if (more.suggestion !== undefined) expect('suggestion' in r && r.suggestion).toBe(more.suggestion);
  if (more.stack) expect('line' in r && r.line?.stack).toBe(more.stack);
  if (more.token) expect('line' in r && r.line?.token).toBe(more.token);
  if (more.note) expect('note' in r ? r.note : undefined).toMatch(more.note);
  if (more.seeAlso) expect(r.kind === 'historical' && r.seeAlso?.name).toBe(more.seeAlso);
  if (more.alt) {
    const alts = 'alternatives' in r ? r.alternatives : [];
    expect(alts.map((a) => a.code?.name ?? a.historical?.name)).toContain(more.alt);
  }
}

describe('lookup: table of inputs', () => {
  const all = Object.values(GROUPS).flat();
  it('covers at least 150 inputs', () => {
    expect(all.length).toBeGreaterThanOrEqual(150);
    expect(new Set(all.map(([input]) => input)).size).toBe(all.length);
  });
  for (const [group, cases] of Object.entries(GROUPS)) {
    describe(group, () => {
      it.each(cases)('%j -> %s', (input, expectation, more) => check(input as string, expectation as string, more as More | undefined));
    });
  }
});

describe('lookup: every code, every spelling', () => {
  const codes = index.codes;
  it.each(codes.map((c) => [c.name, c.value] as const))('%s', (name, value) => {
    const hex = value.toString(16);
    const forms: [string, MatchedBy][] = [
      [name, 'name'],
      [name.toLowerCase(), 'name'],
      [name.replace(/^CKR_/, '').toLowerCase().replace(/_/g, ' '), 'name'],
      [name.replace(/^CKR_/, '').replace(/_/g, '-'), 'name'],
      [camelCaseName(name), 'name'],
      ['0x' + hex, 'hex'],
      ['0x' + hex.toUpperCase().padStart(8, '0'), 'hex'],
      [`Error: ${name}:${value}`, 'error-line'],
      [`sun.security.pkcs11.wrapper.PKCS11Exception: ${name}`, 'error-line'],
      [`pkcs11: 0x${hex.toUpperCase()}: ${name}`, 'error-line'],
      [`error: PKCS11 function C_Sign failed: rv = ${name} (0x${hex})`, 'error-line'],
      [`rv=0x${hex}`, 'error-line'],
    ];
    // cryptoki's RvError variant and python-pkcs11's class, one-word names (`Cancel`) included
    forms.push(
      [`Pkcs11(${camelCaseName(name)}, Sign)`, 'error-line'],
      [`Error::Pkcs11(RvError::${camelCaseName(name)}, Function::Sign)`, 'error-line'],
      [`pkcs11.exceptions.${camelCaseName(name)}`, 'error-line'],
    );
    for (const [input, matchedBy] of forms) {
      const r = lookup(input);
      expect(r.kind, input).toBe('code');
      if (r.kind !== 'code') continue;
      expect(r.code.name, input).toBe(name);
      expect(r.matchedBy, input).toBe(matchedBy);
      expect(r.suggestion, input).toBe(false);
      expect(r.hex).toBe('0x' + hex.toUpperCase().padStart(8, '0'));
    }
  });
});

describe('lookup: result details', () => {
  it('gives a code with its hex and no alternatives for an unambiguous hex', () => {
    const r = lookup('0xA0');
    expect(r).toMatchObject({ kind: 'code', hex: '0x000000A0', matchedBy: 'hex', suggestion: false, alternatives: [] });
  });

  it('reads 100 as decimal and keeps the hex reading as an alternative', () => {
    const r = lookup('100');
    expect(r.kind).toBe('code');
    if (r.kind !== 'code') return;
    expect(r.code.name).toBe('CKR_KEY_NOT_NEEDED');
    expect(r.alternatives).toHaveLength(1);
    expect(r.alternatives[0]).toMatchObject({ reading: 'hex', kind: 'code', value: 0x100, hex: '0x00000100' });
    expect(r.alternatives[0].code?.name).toBe('CKR_USER_ALREADY_LOGGED_IN');
    expect(r.alternatives[0].message).toMatch(/0x100 is CKR_USER_ALREADY_LOGGED_IN/);
  });

  it('describes a vendor value by its offset from CKR_VENDOR_DEFINED', () => {
    const r = lookup('0x80000001');
    expect(r).toMatchObject({ kind: 'vendor', value: 0x80000001, hex: '0x80000001', offset: 1, offsetHex: '0x1' });
    expect(r.message).toMatch(/CKR_VENDOR_DEFINED \+ 0x1/);
  });

  it('says a p11-kit wrong value is unassigned in the spec and points to the real code', () => {
    const r = lookup('0x1C0');
    expect(r.kind).toBe('historical');
    if (r.kind !== 'historical') return;
    expect(r.entry).toMatchObject({ name: 'CKR_EXCEEDED_MAX_ITERATIONS', status: 'wrong-value', value: 0x1c0 });
    expect(r.seeAlso?.value).toBe(0x1b5);
    expect(r.codeAtValue).toBeUndefined();
    expect(r.below?.name).toBe('CKR_PUBLIC_KEY_INVALID');
    expect(r.above?.name).toBe('CKR_FUNCTION_REJECTED');
    expect(r.message).toMatch(/p11-kit/);
    expect(r.message).toMatch(/assigns nothing at 0x1C0/);
    expect(r.message).toMatch(/CKR_EXCEEDED_MAX_ITERATIONS \(0x1B5\)/);
  });

  it('a removed v1.0 code has no seeAlso', () => {
    const r = lookup('0x52');
    expect(r.kind === 'historical' && r.entry.status).toBe('removed');
    expect(r.kind === 'historical' && r.seeAlso).toBeUndefined();
  });

  it('attaches the historical entries of a code to it', () => {
    const weak = lookup('CKR_PIN_TOO_WEAK');
    expect(weak.kind === 'code' && weak.historical.map((h) => h.value)).toEqual([0x1c3]);
    const action = lookup('0x1B');
    expect(action.kind === 'code' && action.historical.map((h) => h.name)).toEqual(['CKR_COPY_PROHIBITED']);
    const plain = lookup('0xA0');
    expect(plain.kind === 'code' && plain.historical).toEqual([]);
  });

  it('gives the nearest codes around an unassigned value', () => {
    const r = lookup('0x111');
    expect(r).toMatchObject({ kind: 'unassigned', value: 0x111, hex: '0x00000111' });
    expect(r.message).toMatch(/CKR_WRAPPED_KEY_INVALID \(0x110\) below, CKR_WRAPPED_KEY_LEN_RANGE \(0x112\) above/);
  });

  it('marks typos as suggestions with their edit distance', () => {
    const r = lookup('CKR_PIN_INCORECT');
    expect(r).toMatchObject({ kind: 'code', matchedBy: 'typo', suggestion: true, distance: 1 });
    expect(r.message).toMatch(/^Did you mean CKR_PIN_INCORRECT/);
  });

  it('ranks candidates and says why', () => {
    const r = lookup('pin');
    expect(r.kind).toBe('candidates');
    if (r.kind !== 'candidates') return;
    expect(r.total).toBe(r.candidates.length);
    for (const c of r.candidates) {
      expect(c.code?.name ?? c.historical?.name).toBe(c.name);
      expect(c.reason).toMatch(/PIN/);
      expect(c.hex).toMatch(/^0x[0-9A-F]{8}$/);
    }
  });

  it('cuts long candidate lists and reports the total', () => {
    const r = lookup('invalid');
    expect(r.kind).toBe('candidates');
    if (r.kind !== 'candidates') return;
    expect(r.candidates.length).toBe(12);
    expect(r.total).toBeGreaterThan(12);
  });

  it('reports what it found inside a line, without echoing the line', () => {
    const secret = 'user=alice pin=123456 host=hsm-01.internal ';
    const r = lookup(secret.repeat(20) + 'sun.security.pkcs11.wrapper.PKCS11Exception: CKR_PIN_INCORRECT');
    expect(r.kind).toBe('code');
    if (r.kind !== 'code') return;
    expect(r.line).toEqual({ token: 'name', text: 'CKR_PIN_INCORRECT', stack: 'sunpkcs11' });
    expect(JSON.stringify(r)).not.toContain('alice');
  });

  it('never echoes more than MAX_ECHO characters of the input', () => {
    const long = 'CKR_' + 'A'.repeat(60) + ' ' + 'rv=0x' + 'f'.repeat(8);
    for (const input of [long, '<script>' + 'x'.repeat(5000), 'pin '.repeat(20)]) {
      const r = lookup(input);
      const json = JSON.stringify(r);
      expect(json).not.toContain('<script>');
      if ('line' in r && r.line) expect(r.line.text.length).toBeLessThanOrEqual(MAX_ECHO);
    }
  });

  it('messages never contain input text', () => {
    for (const input of ['<b>pin</b>', 'zzz<img src=x>', 'CKR_<svg/onload=1>', '0x<a>']) {
      expect(lookup(input).message).not.toMatch(/<|>/);
    }
  });

  it('shares frozen results for plain lookups', () => {
    const a = lookup('CKR_PIN_INCORRECT');
    expect(lookup('CKR_PIN_INCORRECT')).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
  });

  it('answers none for non-strings instead of throwing', () => {
    const lax = lookup as unknown as (x: unknown) => LookupResult;
    for (const x of [undefined, null, 42, {}, [], Symbol('s')]) expect(lax(x).kind).toBe('none');
  });

  it('works on an empty index', () => {
    const empty = createLookup({ codes: [], historical: [] }, { rethrow: true });
    expect(empty('CKR_PIN_INCORRECT').kind).toBe('none');
    expect(empty('0xA0').kind).toBe('unassigned');
    expect(empty('0x80000001')).toMatchObject({ kind: 'vendor', offset: 1 });
    expect(empty('pin').kind).toBe('none');
  });

  it('nameKey and camelCaseName agree with the names', () => {
    expect(nameKey('CKR_PIN_INCORRECT')).toBe('PININCORRECT');
    expect(nameKey('pin-incorrect')).toBe('PININCORRECT');
    expect(nameKey('PinIncorrect')).toBe('PININCORRECT');
    expect(camelCaseName('CKR_USER_ANOTHER_ALREADY_LOGGED_IN')).toBe('UserAnotherAlreadyLoggedIn');
    expect(new Set(specNames.map(nameKey)).size).toBe(specNames.length);
  });
});
