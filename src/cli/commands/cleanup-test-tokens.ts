import { spawnSync } from 'node:child_process';
import { basename } from 'node:path';
import type { CommandDefinition } from '../definition.ts';
import { CliError } from '../errors.ts';
import { EXIT } from '../exit-codes.ts';
import { unpadded, withToken } from '../token.ts';
import { TOKEN_OPTIONS, YES } from './options.ts';
import { confirmDestructive } from './common.ts';

interface Cleanup {
  prefix: string;
  tokens: { label: string; serial: string; slot: number }[];
  method: string;
  deleted: string[];
  failed: { label: string; message: string }[];
}

const TOOL = 'softhsm2-util';

const command: CommandDefinition<Cleanup> = {
  name: 'cleanup-test-tokens',
  summary: 'Delete the tokens whose label starts with --prefix (SoftHSM2, via softhsm2-util).',
  description:
    'Lists the initialized tokens whose label starts with --prefix and, after confirmation (--yes when not on a terminal), ' +
    `deletes them. PKCS#11 has no call that deletes a token: for SoftHSM2 this runs \`${TOOL} --delete-token --serial <serial>\` ` +
    '(with the same SOFTHSM2_CONF). For other modules it lists the tokens and says so; re-initialize them with init-token instead.',
  options: [...TOKEN_OPTIONS, { name: 'prefix', type: 'string', description: 'Label prefix of the tokens to delete.', required: true, placeholder: '<prefix>' }, YES],
  examples: [
    { command: 'hsm-cli cleanup-test-tokens --prefix ci-', description: 'Asks, then deletes every token labelled ci-*.' },
    { command: 'hsm-cli cleanup-test-tokens --prefix ci- --yes --json', description: 'In CI.' },
  ],
  codes: ['CKR_TOKEN_NOT_PRESENT', 'CKR_SLOT_ID_INVALID'],
  context: 'token-admin',
  async run(ctx) {
    const prefix = ctx.options.prefix as string;
    if (prefix === '') throw new CliError('USAGE', '--prefix must not be empty (it would match every token)');
    const tokens = await withToken(ctx, { token: false }, (t) =>
      t
        .slots(true)
        .filter((s) => s.token && s.token.flags & t.C.CKF_TOKEN_INITIALIZED && unpadded(s.token.label).startsWith(prefix))
        .map((s) => ({ label: unpadded(s.token!.label), serial: unpadded(s.token!.serialNumber), slot: s.id }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    );
    const method = `${TOOL} --delete-token --serial <serial>`;
    const result: Cleanup = { prefix, tokens, method, deleted: [], failed: [] };
    if (tokens.length === 0) return result;
    const modulePath = ctx.options.module as string;
    if (!/softhsm/i.test(basename(modulePath))) {
      throw new CliError(
        'ENVIRONMENT',
        `${tokens.length} token(s) match, but ${modulePath} is not SoftHSM2 and PKCS#11 has no call that deletes a token`,
        "use the vendor's tool, or re-initialize them with hsm-cli init-token --slot <id>",
      );
    }
    await confirmDestructive(
      ctx,
      'delete',
      `Delete these ${tokens.length} token(s) and all their keys?`,
      tokens.map((t) => `  "${t.label}" (serial ${t.serial}, slot ${t.slot})\n`).join(''),
    );
    for (const token of tokens) {
      const run = spawnSync(TOOL, ['--delete-token', '--serial', token.serial], { env: { ...process.env, ...ctx.io.env }, encoding: 'utf8' });
      if (run.error) {
        throw new CliError('ENVIRONMENT', `${TOOL} not found: SoftHSM2 tokens can only be deleted with it (PKCS#11 has no call for that)`, 'install softhsm2 (Debian: apt install softhsm2)');
      }
      if (run.status === 0) result.deleted.push(token.label);
      else result.failed.push({ label: token.label, message: (run.stderr || run.stdout).trim() });
    }
    return result;
  },
  display: (d) =>
    d.tokens.length === 0
      ? `No token label starts with "${d.prefix}".\n`
      : `Deleted ${d.deleted.length} token(s) with ${d.method} (PKCS#11 has no call to delete a token)` +
        `${d.deleted.length ? `: ${d.deleted.map((l) => `"${l}"`).join(', ')}` : ''}.\n` +
        d.failed.map((f) => `  failed: "${f.label}": ${f.message}\n`).join(''),
  exitCode: (d) => (d.failed.length ? EXIT.ENVIRONMENT.code : EXIT.OK.code),
};

export default command;
