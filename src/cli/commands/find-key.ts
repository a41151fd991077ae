import type { CommandDefinition } from '../definition.ts';
import { withToken } from '../token.ts';
import type { AttributeValue } from '../attributes.ts';
import { EXIT } from '../exit-codes.ts';
import { KEY_LABEL, TOKEN_OPTIONS } from './options.ts';
import { objectLine } from './common.ts';
import { similarLabels } from '../similar.ts';

interface Found {
  token: string | undefined;
  label: string;
  found: Record<string, AttributeValue>[];
  similar?: string[];
}

const command: CommandDefinition<Found> = {
  name: 'find-key',
  summary: 'Find the objects labelled --key-label; with --show-similar, the labels that nearly match.',
  description:
    'Answers "is my key there?" before CKR_KEY_HANDLE_INVALID or a missing-key error: lists the objects with exactly ' +
    'that label, and with --show-similar the labels that differ by case, a few characters or a prefix. Exits 3 when nothing has the label.',
  options: [...TOKEN_OPTIONS, KEY_LABEL, { name: 'show-similar', type: 'boolean', description: 'Also list labels similar to --key-label.' }],
  examples: [
    { command: 'export HSM_USER_PIN=...; hsm-cli find-key --label TOKEN --key-label signer', description: 'Is there a key labelled signer?' },
    { command: 'hsm-cli find-key --label TOKEN --key-label Signer --show-similar', description: 'And which labels look like it.' },
  ],
  codes: ['CKR_KEY_HANDLE_INVALID', 'CKR_OBJECT_HANDLE_INVALID', 'CKR_USER_NOT_LOGGED_IN'],
  context: 'objects',
  run: (ctx) =>
    withToken(ctx, { login: 'user' }, (t) => {
      const label = ctx.options['key-label'] as string;
      const basics = ['CKA_CLASS', 'CKA_KEY_TYPE', 'CKA_LABEL', 'CKA_ID'];
      const found = t.find([{ type: t.C.CKA_LABEL, value: label }]).map((handle) => t.attributes(handle, basics));
      if (!ctx.options['show-similar']) return { token: t.label, label, found };
      const labels = t.find([]).map((handle) => String(t.attributes(handle, ['CKA_LABEL']).CKA_LABEL ?? ''));
      return { token: t.label, label, found, similar: similarLabels(label, labels.filter(Boolean)) };
    }),
  display: (d) =>
    (d.found.length
      ? `Found ${d.found.length} object${d.found.length === 1 ? '' : 's'} labelled "${d.label}" on token "${d.token}":\n${d.found.map((o) => `  ${objectLine(o)}\n`).join('')}`
      : `No object labelled "${d.label}" on token "${d.token}".\n`) +
    (d.similar ? (d.similar.length ? `Similar labels:\n${d.similar.map((s) => `  "${s}"\n`).join('')}` : 'No similar labels.\n') : ''),
  exitCode: (d) => (d.found.length ? EXIT.OK.code : EXIT.ENVIRONMENT.code),
};

export default command;
