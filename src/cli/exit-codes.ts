/**
 * hsm-cli's exit statuses: the one table. `hsm-cli --help` and the site's CLI pages render it.
 */
export const EXIT = {
  OK: { code: 0, meaning: 'Success.' },
  CKR: { code: 1, meaning: 'A PKCS#11 call returned an error (CKR_*): the code, the function and what to do are printed.' },
  USAGE: { code: 2, meaning: 'Bad command line: unknown command or option, missing or invalid value, no way to read a PIN.' },
  ENVIRONMENT: {
    code: 3,
    meaning: 'Something the command needs is missing or in the way: PKCS#11 module, token, key, input file, or a code explain-error does not know.',
  },
  VERIFY_FAILED: { code: 4, meaning: 'verify: the signature does not match (CKR_SIGNATURE_INVALID or CKR_SIGNATURE_LEN_RANGE).' },
  DECLINED: { code: 5, meaning: 'A destructive command was declined, or needs --yes because stdin is not a terminal.' },
  INTERNAL: { code: 70, meaning: 'Unexpected error in hsm-cli itself (a bug): the stack trace is printed.' },
} as const;

export type ExitName = keyof typeof EXIT;

/** Rows for help and docs, in code order. */
export const EXIT_TABLE: readonly { name: ExitName; code: number; meaning: string }[] = (
  Object.entries(EXIT) as [ExitName, { code: number; meaning: string }][]
).map(([name, { code, meaning }]) => ({ name, code, meaning }));

/** CKR_SIGNATURE_INVALID, CKR_SIGNATURE_LEN_RANGE */
const SIGNATURE_MISMATCH = new Set([0xc0, 0xc1]);

/** The exit status for a failed PKCS#11 call: a signature that does not match is VERIFY_FAILED, the rest CKR. */
export function exitCodeForFailure(fn: string, value: number): number {
  return (fn === 'C_Verify' || fn === 'C_VerifyFinal') && SIGNATURE_MISMATCH.has(value) ? EXIT.VERIFY_FAILED.code : EXIT.CKR.code;
}
