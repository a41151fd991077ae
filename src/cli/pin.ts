/**
 * The one PIN reader: the option (`--user-pin`), else its environment variable (already applied by the
 * parser), else a no-echo prompt when stdin is a terminal, else a usage error that says how to pass it.
 * A PIN is never printed, logged or put in a message.
 */
import type { RunContext } from './definition.ts';
import { CliError } from './errors.ts';

export type PinOption = 'user-pin' | 'so-pin' | 'old-pin' | 'new-pin';

const WHAT: Record<PinOption, string> = {
  'user-pin': 'User PIN',
  'so-pin': 'SO PIN',
  'old-pin': 'Current PIN',
  'new-pin': 'New PIN',
};

/** The PIN if the command line or the environment has it (never prompts). */
export function givenPin(ctx: RunContext, option: PinOption): string | undefined {
  const value = ctx.options[option];
  return typeof value === 'string' ? value : undefined;
}

export async function readPin(ctx: RunContext, option: PinOption, tokenLabel?: string): Promise<string> {
  const given = givenPin(ctx, option);
  if (given !== undefined) return given;
  const what = WHAT[option];
  if (ctx.io.stdin.isTTY) {
    // The terminal module only when there is a terminal to ask (start-up time of env-PIN runs).
    const { readHidden } = await import('./terminal.ts');
    const pin = await readHidden(ctx.io, `${what}${tokenLabel ? ` for token "${tokenLabel}"` : ''}: `);
    if (pin) return pin;
  }
  const env = ctx.command.options.find((o) => o.name === option)?.env;
  throw new CliError(
    'USAGE',
    `${what} needed and none given`,
    `pass --${option} <pin>${env ? `, set ${env}` : ''}, or run in a terminal to be prompted`,
  );
}
