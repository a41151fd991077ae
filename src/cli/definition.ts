/**
 * The shape of an hsm-cli command: static data (name, summary, options, examples, the codes it meets)
 * plus a lazy `run` that returns data and a `display` that turns that data into the human view.
 *
 * Definitions are plain data and never load pkcs11js: the site imports them at build time to generate
 * the /cli/<command>/ pages, `formatHelp` renders them for `--help`, and the reference validator checks
 * every `hsm-cli` line of content/ against them. Token commands load pkcs11js inside `run` only.
 *
 * This file holds types only: a command file is `const command: CommandDefinition<Data> = {...}` with an
 * `import type`, so running a command never loads it (one module less at start-up).
 */
import type { Readable } from 'node:stream';
import type { Pkcs11Factory } from './token.ts';

export type OptionType = 'string' | 'number' | 'boolean';
export type OptionValue = string | number | boolean | string[];

export interface OptionDefinition {
  /** Long name without dashes: `key-label` is `--key-label`. */
  name: string;
  type: OptionType;
  /** One sentence, plain text. */
  description: string;
  default?: string | number | boolean;
  /** Environment variable read when the option is not given (`PKCS11_MODULE`). */
  env?: string;
  /** The parser rejects the command line without it (options that may come from env or a prompt are not `required`). */
  required?: boolean;
  /** May be given more than once; the value is then a list. */
  multiple?: boolean;
  /** The only values accepted. */
  choices?: readonly string[];
  /** Shown in help: `--input <file>`. */
  placeholder?: string;
  /** Never printed back (PINs): help shows the env var, values are never echoed. */
  secret?: boolean;
}

export interface ArgumentDefinition {
  name: string;
  description: string;
  required?: boolean;
}

export interface Example {
  /** A shell line with one `hsm-cli` command (PINs set in the environment before it, never on the line). */
  command: string;
  /** What it does, one sentence. */
  description: string;
}

/** Where text goes: a Writable (tests), or the process's stdout/stderr written directly (main.ts). */
export interface Output {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/** Streams and environment a command runs with (process.* in bin.js, fakes in tests). */
export interface Io {
  stdin: Readable & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  stdout: Output;
  stderr: Output;
  env: Record<string, string | undefined>;
}

export type OptionValues = Record<string, OptionValue | undefined>;

export interface RunContext {
  /** Parsed options by long name, with env defaults and declared defaults applied. */
  options: OptionValues;
  /** Positional arguments by name. */
  args: Record<string, string | undefined>;
  io: Io;
  /** Where code pages live (`--base-url`, env CKR_REF_BASE_URL, else DEFAULT_SITE_URL). */
  baseUrl: string;
  /** The command being run (its context explains failures). */
  command: CommandDefinition;
  /** Loads pkcs11js; tests pass a wrapper to inject failures at that boundary. */
  pkcs11?: Pkcs11Factory;
}

export interface CommandDefinition<T = any> {
  /** `sign`: also the page path /cli/sign/. */
  name: string;
  /** One line for `hsm-cli --help` and the sidebar. */
  summary: string;
  /** Paragraphs, plain text. */
  description: string;
  options: readonly OptionDefinition[];
  args?: readonly ArgumentDefinition[];
  examples: readonly Example[];
  /** CKR names this command commonly meets, most frequent first. */
  codes: readonly string[];
  /** Context id of the operation (`sign`): failures of functions outside every context are explained in it. */
  context: string;
  /** Does the work and returns data; `--json` prints that data as is. */
  run: (ctx: RunContext) => Promise<T>;
  /** The human view of the data. */
  display: (data: T, ctx: RunContext) => string;
  /** Exit status for a result that is data but not success (find-key found nothing); default 0. */
  exitCode?: (data: T) => number;
}
