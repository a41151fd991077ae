import type { CommandDefinition } from '../definition.ts';
import { withToken } from '../token.ts';
import { SUMMARY_ATTRIBUTES, type AttributeValue } from '../attributes.ts';
import { TOKEN_OPTIONS } from './options.ts';
import { objectLine } from './common.ts';

interface Objects {
  token: string | undefined;
  loggedIn: boolean;
  objects: Record<string, AttributeValue>[];
}

const command: CommandDefinition<Objects> = {
  name: 'list-objects',
  summary: 'Objects on the token: class, key type, label, ID (and usage flags with --detailed).',
  description:
    'Lists the objects a session can see. Without a user PIN (--user-pin or HSM_USER_PIN) only public objects ' +
    'are listed: private keys need a login. --detailed adds sensitivity, extractability, usage flags and sizes.',
  options: [...TOKEN_OPTIONS, { name: 'detailed', type: 'boolean', description: 'Add usage flags, sensitivity and sizes.' }],
  examples: [
    { command: 'export HSM_USER_PIN=...; hsm-cli list-objects --label TOKEN', description: 'Every object, private ones included.' },
    { command: 'hsm-cli list-objects --label TOKEN --detailed --json', description: 'With attributes, as JSON.' },
  ],
  codes: ['CKR_USER_NOT_LOGGED_IN', 'CKR_PIN_INCORRECT', 'CKR_OPERATION_ACTIVE', 'CKR_ATTRIBUTE_SENSITIVE'],
  context: 'objects',
  run: (ctx) =>
    withToken(ctx, { login: 'user-if-given' }, (t) => {
      const names = ctx.options.detailed ? SUMMARY_ATTRIBUTES : (['CKA_CLASS', 'CKA_KEY_TYPE', 'CKA_LABEL', 'CKA_ID'] as const);
      return {
        token: t.label,
        loggedIn: typeof ctx.options['user-pin'] === 'string',
        objects: t.find([]).map((handle) => t.attributes(handle, names)),
      };
    }),
  display: (d) =>
    `${d.objects.length} object${d.objects.length === 1 ? '' : 's'} on token "${d.token}"${d.loggedIn ? '' : ' (public only: no user PIN given)'}:\n` +
    d.objects.map((o) => `  ${objectLine(o)}\n`).join(''),
};

export default command;
