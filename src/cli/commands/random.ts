import type { CommandDefinition } from '../definition.ts';
import { CliError } from '../errors.ts';
import { withToken } from '../token.ts';
import { TOKEN_OPTIONS } from './options.ts';
import { writeOutput } from './common.ts';

const MAX_LENGTH = 1024 * 1024;

const command: CommandDefinition<{ token: string | undefined; length: number; output?: string; hex?: string }> = {
  name: 'random',
  summary: "Random bytes from the token's generator (C_GenerateRandom).",
  description: 'Writes --length random bytes to --output, or prints them as hex. Needs --label or --slot; no login.',
  options: [
    ...TOKEN_OPTIONS,
    { name: 'length', type: 'number', description: `Number of bytes (1 to ${MAX_LENGTH}).`, required: true, placeholder: '<bytes>' },
    { name: 'output', type: 'string', description: 'File for the bytes (default: hex on stdout).', placeholder: '<file>' },
  ],
  examples: [
    { command: 'hsm-cli random --label TOKEN --length 32', description: '32 random bytes as hex.' },
    { command: 'hsm-cli random --label TOKEN --length 1024 --output seed.bin', description: 'Into a file.' },
  ],
  codes: ['CKR_RANDOM_NO_RNG', 'CKR_RANDOM_SEED_NOT_SUPPORTED', 'CKR_SESSION_HANDLE_INVALID'],
  context: 'random',
  run: (ctx) => {
    const length = ctx.options.length as number;
    if (length < 1 || length > MAX_LENGTH) throw new CliError('USAGE', `--length must be between 1 and ${MAX_LENGTH}`);
    return withToken(ctx, {}, (t) => {
      const bytes = t.p11.C_GenerateRandom(t.sessionHandle, Buffer.alloc(length));
      const output = ctx.options.output as string | undefined;
      if (output === undefined) return { token: t.label, length, hex: bytes.toString('hex') };
      writeOutput(output, bytes);
      return { token: t.label, length, output };
    });
  },
  display: (d) => (d.hex !== undefined ? `${d.hex}\n` : `Wrote ${d.length} random bytes to ${d.output}.\n`),
};

export default command;
