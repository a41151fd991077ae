/**
 * The two kinds of expected failure. Both are printed without a stack trace; anything else is a bug.
 * Messages never contain a PIN.
 */
import { EXIT, type ExitName } from './exit-codes.ts';

/** A failure hsm-cli itself detected: bad usage, missing module/token/key/file, declined confirmation. */
export class CliError extends Error {
  readonly exit: ExitName;
  /** What to do about it, one line. */
  readonly hint?: string;
  constructor(exit: ExitName, message: string, hint?: string) {
    super(message);
    this.name = 'CliError';
    this.exit = exit;
    if (hint) this.hint = hint;
  }
  get exitCode(): number {
    return EXIT[this.exit].code;
  }
}

/** A PKCS#11 function returned something other than CKR_OK. `value` is the number the module returned. */
export class CkrFailure extends Error {
  readonly value: number;
  /** The PKCS#11 function, e.g. `C_Login`. */
  readonly fn: string;
  constructor(fn: string, value: number) {
    super(`${fn} returned 0x${value.toString(16).toUpperCase()}`);
    this.name = 'CkrFailure';
    this.fn = fn;
    this.value = value;
  }
}
