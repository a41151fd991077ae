import type { CommandDefinition } from '../definition.ts';
import { CliError } from '../errors.ts';
import { withToken, type Token } from '../token.ts';
import { showAttribute, type AttributeValue } from '../attributes.ts';
import { TOKEN_OPTIONS } from './options.ts';
import { table } from './common.ts';

interface Comparison {
  class: string;
  same: number;
  differences: { attribute: string; key1: AttributeValue | undefined; key2: AttributeValue | undefined }[];
}

interface Diff {
  token: string | undefined;
  key1: string;
  key2: string;
  comparisons: Comparison[];
}

function byClass(t: Token, label: string): Map<string, Record<string, AttributeValue>> {
  const objects = t.find([{ type: t.C.CKA_LABEL, value: label }]).map((handle) => t.attributes(handle));
  if (objects.length === 0) throw new CliError('ENVIRONMENT', `no object labelled "${label}" on token "${t.label}"`);
  return new Map(objects.map((o) => [String(o.CKA_CLASS), o]));
}

const command: CommandDefinition<Diff> = {
  name: 'diff-keys',
  summary: 'Compare the attributes of two keys (why does one work and the other not?).',
  description:
    'Reads every attribute of the objects labelled --key1-label and --key2-label and prints those that differ, class by ' +
    'class (private with private, public with public). Typical finds: CKA_SIGN, CKA_EXTRACTABLE, CKA_KEY_TYPE, sizes.',
  options: [
    ...TOKEN_OPTIONS,
    { name: 'key1-label', type: 'string', description: 'Label of the first key.', required: true, placeholder: '<label>' },
    { name: 'key2-label', type: 'string', description: 'Label of the second key.', required: true, placeholder: '<label>' },
  ],
  examples: [{ command: 'export HSM_USER_PIN=...; hsm-cli diff-keys --label TOKEN --key1-label k1 --key2-label k2', description: 'Attributes that differ.' }],
  codes: ['CKR_KEY_FUNCTION_NOT_PERMITTED', 'CKR_KEY_TYPE_INCONSISTENT', 'CKR_ATTRIBUTE_SENSITIVE'],
  context: 'objects',
  run: (ctx) =>
    withToken(ctx, { login: 'user' }, (t) => {
      const key1 = ctx.options['key1-label'] as string;
      const key2 = ctx.options['key2-label'] as string;
      const a = byClass(t, key1);
      const b = byClass(t, key2);
      const comparisons: Comparison[] = [];
      for (const [cls, first] of a) {
        const second = b.get(cls);
        if (!second) continue;
        const names = [...new Set([...Object.keys(first), ...Object.keys(second)])];
        const differences = names.filter((n) => first[n] !== second[n]).map((n) => ({ attribute: n, key1: first[n], key2: second[n] }));
        comparisons.push({ class: cls, same: names.length - differences.length, differences });
      }
      if (comparisons.length === 0) {
        throw new CliError('ENVIRONMENT', `"${key1}" (${[...a.keys()].join(', ')}) and "${key2}" (${[...b.keys()].join(', ')}) have no object class in common`);
      }
      return { token: t.label, key1, key2, comparisons };
    }),
  display: (d) =>
    d.comparisons
      .map(
        (c) =>
          `${c.class}: ${c.differences.length} different, ${c.same} the same\n` +
          (c.differences.length
            ? table([
                ['attribute', d.key1, d.key2],
                ...c.differences.map((x) => [x.attribute, x.key1 === undefined ? '(absent)' : showAttribute(x.key1), x.key2 === undefined ? '(absent)' : showAttribute(x.key2)]),
              ]) + '\n'
            : ''),
      )
      .join('\n'),
};

export default command;
