import type { CommandDefinition } from '../definition.ts';
import { CliError } from '../errors.ts';
import { withToken } from '../token.ts';
import type { AttributeValue } from '../attributes.ts';
import { KEY_LABEL, TOKEN_OPTIONS, YES } from './options.ts';
import { confirmDestructive, objectLine } from './common.ts';

const command: CommandDefinition<{ token: string | undefined; label: string; deleted: Record<string, AttributeValue>[] }> = {
  name: 'delete-key',
  summary: 'Destroy every object labelled --key-label (asks first; --yes when not on a terminal).',
  description:
    'Finds the objects with that label (both keys of a pair), shows them and asks y/N on a terminal. Without a terminal it ' +
    'refuses unless --yes is given (exit 5), so a script never deletes by accident.',
  options: [...TOKEN_OPTIONS, KEY_LABEL, YES],
  examples: [
    { command: 'export HSM_USER_PIN=...; hsm-cli delete-key --label TOKEN --key-label old-signer', description: 'Asks before deleting.' },
    { command: 'hsm-cli delete-key --label TOKEN --key-label old-signer --yes', description: 'In a script.' },
  ],
  codes: ['CKR_ACTION_PROHIBITED', 'CKR_OBJECT_HANDLE_INVALID', 'CKR_SESSION_READ_ONLY', 'CKR_USER_NOT_LOGGED_IN'],
  context: 'objects',
  run: (ctx) =>
    withToken(ctx, { session: 'rw', login: 'user' }, async (t) => {
      const label = ctx.options['key-label'] as string;
      const handles = t.find([{ type: t.C.CKA_LABEL, value: label }]);
      if (handles.length === 0) throw new CliError('ENVIRONMENT', `no object labelled "${label}" on token "${t.label}"`);
      const objects = handles.map((h) => t.attributes(h, ['CKA_CLASS', 'CKA_KEY_TYPE', 'CKA_LABEL', 'CKA_ID']));
      await confirmDestructive(
        ctx,
        'delete',
        `Delete ${handles.length} object${handles.length === 1 ? '' : 's'} labelled "${label}" from token "${t.label}"?`,
        objects.map((o) => `  ${objectLine(o)}\n`).join(''),
      );
      for (const handle of handles) t.p11.C_DestroyObject(t.sessionHandle, handle);
      return { token: t.label, label, deleted: objects };
    }),
  display: (d) => `Deleted ${d.deleted.length} object${d.deleted.length === 1 ? '' : 's'} labelled "${d.label}" from token "${d.token}".\n`,
};

export default command;
