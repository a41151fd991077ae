import type { CommandDefinition } from '../definition.ts';
import { CliError } from '../errors.ts';
import { withToken } from '../token.ts';
import type { AttributeValue } from '../attributes.ts';
import { KEY_LABEL, TOKEN_OPTIONS } from './options.ts';
import { attributeLines } from './common.ts';

interface Inspected {
  token: string | undefined;
  label: string;
  objects: Record<string, AttributeValue>[];
}

const command: CommandDefinition<Inspected> = {
  name: 'inspect-key',
  summary: 'All readable CKA_* attributes of the objects labelled --key-label.',
  description:
    'Prints every attribute the token reveals for each object with that label (a key pair shows both keys). ' +
    'Sensitive values are left out by the token; key material the token would reveal is shown as its length only. ' +
    'Use it to see why an operation is refused: CKA_SIGN, CKA_EXTRACTABLE, CKA_KEY_TYPE...',
  options: [...TOKEN_OPTIONS, KEY_LABEL],
  examples: [
    { command: 'export HSM_USER_PIN=...; hsm-cli inspect-key --label TOKEN --key-label signer', description: 'Both keys of a pair.' },
    { command: 'hsm-cli inspect-key --label TOKEN --key-label signer --json', description: 'As JSON.' },
  ],
  codes: ['CKR_ATTRIBUTE_SENSITIVE', 'CKR_ATTRIBUTE_TYPE_INVALID', 'CKR_OBJECT_HANDLE_INVALID', 'CKR_USER_NOT_LOGGED_IN'],
  context: 'objects',
  run: (ctx) =>
    withToken(ctx, { login: 'user' }, (t) => {
      const label = ctx.options['key-label'] as string;
      const objects = t.find([{ type: t.C.CKA_LABEL, value: label }]).map((handle) => t.attributes(handle));
      if (objects.length === 0) {
        throw new CliError('ENVIRONMENT', `no object labelled "${label}" on token "${t.label}"`, `hsm-cli find-key --label ${t.label} --key-label ${label} --show-similar`);
      }
      return { token: t.label, label, objects };
    }),
  display: (d) => d.objects.map((o) => `${o.CKA_CLASS} "${d.label}":\n${attributeLines(o, '    ')}\n`).join('\n'),
};

export default command;
