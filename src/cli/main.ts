/**
 * hsm-cli: read the command line against the definitions, run the command, print its data (`--json`) or
 * its human view, and turn every expected failure into a message and an exit status (exit-codes.ts).
 * A failed PKCS#11 call is explained (explain.ts); a stack trace means a bug.
 */
import type { CommandDefinition, Io, Output, RunContext } from './definition.ts';
import type { Pkcs11Factory } from './token.ts';
import { parseCommand } from './args.ts';
import { CkrFailure, CliError } from './errors.ts';
import { EXIT, exitCodeForFailure } from './exit-codes.ts';
import { DEFAULT_SITE_URL } from '../urls.ts';

// Built-ins through process.getBuiltinModule: an ESM `import ... from 'node:fs'` builds a namespace that
// reads every export, and fs.promises alone loads readline and the streams (start-up time).
const { existsSync, readFileSync, writeSync } = process.getBuiltinModule('node:fs');

export interface MainOptions {
  io?: Io;
  /** Loads pkcs11js; tests wrap it to inject failures. */
  pkcs11?: Pkcs11Factory;
  /** The definition of the command named by argv[0], already loaded (bin.js, from the command's bundle). */
  command?: CommandDefinition;
}

/**
 * stdout or stderr written with write(2), in order. Creating process.stdout on a pipe loads net and the
 * streams (about 10 ms, as much as a whole signature), so the stream is made only when it is needed:
 * for isTTY, or when the descriptor is non-blocking and full (EAGAIN), after which everything goes
 * through it. A reader that went away (EPIPE: `hsm-cli ... | head`) gets nothing more.
 */
export function fdOutput(fd: 1 | 2, stream: () => NodeJS.WriteStream): Output {
  let through: NodeJS.WriteStream | undefined;
  let closed = false;
  return {
    get isTTY() {
      return stream().isTTY === true;
    },
    write(text: string) {
      if (through) return through.write(text);
      if (closed) return false;
      const bytes = Buffer.from(text);
      for (let done = 0; done < bytes.length; ) {
        try {
          done += writeSync(fd, bytes, done);
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          if (code === 'EINTR') continue;
          if (code === 'EPIPE') return !(closed = true);
          if (code !== 'EAGAIN') throw e;
          through = stream();
          return through.write(bytes.subarray(done));
        }
      }
      return true;
    },
  };
}

/** process.* (stdin lazily: creating it costs start-up time, and only prompts need it). */
const processIo = (): Io => ({
  get stdin() {
    return process.stdin;
  },
  stdout: fdOutput(1, () => process.stdout),
  stderr: fdOutput(2, () => process.stderr),
  env: process.env,
});

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** All definitions (for the overview and suggestions). */
const allCommands = async () => (await import('./commands/index.ts')).COMMANDS;

/** Only the definition asked for: each command is the file commands/<name>.ts, so start-up loads one. */
async function loadCommand(name: string): Promise<CommandDefinition | undefined> {
  const file = new URL(`./commands/${name}.ts`, import.meta.url);
  if (!/^[a-z][a-z0-9-]*$/.test(name) || ['index', 'options', 'common'].includes(name) || !existsSync(file)) return undefined;
  return ((await import(file.href)) as { default: CommandDefinition }).default;
}

/** Runs one command line; resolves to the exit status. */
export async function main(argv: readonly string[], options: MainOptions = {}): Promise<number> {
  const io = options.io ?? processIo();
  const out = (text: string) => io.stdout.write(text);
  const err = (text: string) => io.stderr.write(text);
  const [name, ...rest] = argv;

  if (name === '--version' || name === '-V') {
    out(`${version()}\n`);
    return EXIT.OK.code;
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const { formatHelp, formatOverview } = await import('./help.ts');
    const topic = name === 'help' && rest[0] ? await loadCommand(rest[0]) : undefined;
    (name === undefined ? err : out)(topic ? formatHelp(topic) : formatOverview(await allCommands(), version()));
    return name === undefined ? EXIT.USAGE.code : EXIT.OK.code;
  }
  const command = options.command?.name === name ? options.command : await loadCommand(name);
  if (!command) {
    const { suggestName } = await import('./similar.ts');
    const hint = suggestName(name, (await allCommands()).map((c) => c.name));
    err(`hsm-cli: unknown command "${name}"${hint ? ` (did you mean ${hint}?)` : ''}\nRun hsm-cli --help for the list.\n`);
    return EXIT.USAGE.code;
  }

  const parsed = parseCommand(command, rest, io.env);
  if (parsed.options.help) {
    out((await import('./help.ts')).formatHelp(command));
    return EXIT.OK.code;
  }
  const json = parsed.options.json === true;
  const baseUrl = (parsed.options['base-url'] as string | undefined) || io.env.CKR_REF_BASE_URL || DEFAULT_SITE_URL;
  if (parsed.problems.length > 0) {
    return report(new CliError('USAGE', parsed.problems.join('; '), `hsm-cli ${command.name} --help`));
  }

  const ctx: RunContext = {
    options: parsed.options,
    args: parsed.args,
    io,
    baseUrl,
    command,
    ...(options.pkcs11 ? { pkcs11: options.pkcs11 } : {}),
  };
  try {
    const data = await command.run(ctx);
    out(json ? `${JSON.stringify(data, null, 2)}\n` : command.display(data, ctx));
    return command.exitCode?.(data) ?? EXIT.OK.code;
  } catch (e) {
    return report(e);
  }

  async function report(error: unknown): Promise<number> {
    if (error instanceof CkrFailure) {
      const [{ explainFailure }, { formatExplanation }] = await Promise.all([import('./explain.ts'), import('./format-explanation.ts')]);
      const explanation = explainFailure(error, command!.context, baseUrl, io.env);
      if (json) out(`${JSON.stringify({ error: explanation }, null, 2)}\n`);
      else err(`hsm-cli ${command!.name}: ${formatExplanation(explanation)}`);
      return exitCodeForFailure(error.fn, error.value);
    }
    if (error instanceof CliError) {
      if (json) out(`${JSON.stringify({ error: { exit: error.exit, message: error.message, ...(error.hint ? { hint: error.hint } : {}) } }, null, 2)}\n`);
      else err(`hsm-cli ${command!.name}: ${error.message}\n${error.hint ? `  ${error.hint}\n` : ''}`);
      return error.exitCode;
    }
    if (json) out(`${JSON.stringify({ error: { exit: 'INTERNAL', message: String((error as Error)?.message ?? error) } }, null, 2)}\n`);
    err(`hsm-cli ${command!.name}: unexpected error (a bug in hsm-cli)\n${(error as Error)?.stack ?? String(error)}\n`);
    return EXIT.INTERNAL.code;
  }
}
