import type { CommandDefinition } from '../definition.ts';
import { withToken } from '../token.ts';
import { SUMMARY_ATTRIBUTES, type AttributeValue } from '../attributes.ts';
import { EXTRACTABLE, KEY_LABEL, KEY_USAGES, NO_LOGIN, TOKEN_OPTIONS, USAGE, type KeyUsage } from './options.ts';
import { attributeLines, ensureLabelFree, keyUsages } from './common.ts';

interface SecretKey {
  token: string | undefined;
  label: string;
  keyType: 'aes';
  bits: number;
  usage: KeyUsage[];
  key: Record<string, AttributeValue>;
}

const command: CommandDefinition<SecretKey> = {
  name: 'gen-symmetric',
  summary: 'Generate an AES key on the token (C_GenerateKey).',
  description:
    'Generates an AES-128/192/256 key labelled --key-label, private and sensitive. It can be wrapped only with ' +
    '--extractable. Default usage: encrypt, decrypt, wrap, unwrap (--usage to choose).',
  options: [
    ...TOKEN_OPTIONS,
    KEY_LABEL,
    { name: 'key-type', type: 'string', description: 'Key type.', choices: ['aes'], default: 'aes', placeholder: '<type>' },
    { name: 'key-size', type: 'number', description: 'Key bits.', choices: ['128', '192', '256'], default: 256, placeholder: '<bits>' },
    EXTRACTABLE,
    USAGE,
    NO_LOGIN,
  ],
  examples: [
    { command: 'export HSM_USER_PIN=...; hsm-cli gen-symmetric --label TOKEN --key-type aes --key-size 256 --key-label data-key', description: 'An AES-256 key.' },
    { command: 'hsm-cli gen-symmetric --label TOKEN --key-label kek --key-size 256 --extractable', description: 'An extractable AES key (can be wrapped).' },
  ],
  codes: ['CKR_USER_NOT_LOGGED_IN', 'CKR_TEMPLATE_INCONSISTENT', 'CKR_ATTRIBUTE_VALUE_INVALID', 'CKR_MECHANISM_INVALID'],
  context: 'keygen',
  run: (ctx) =>
    withToken(ctx, { session: 'rw', login: 'user' }, (t) => {
      const label = ctx.options['key-label'] as string;
      const bits = ctx.options['key-size'] as number;
      const usage = keyUsages(ctx, KEY_USAGES, ['encrypt', 'decrypt', 'wrap', 'unwrap']);
      ensureLabelFree(t, label);
      const { C } = t;
      const flag = (type: number, name: KeyUsage) => ({ type, value: usage.has(name) });
      const key = t.p11.C_GenerateKey(t.sessionHandle, { mechanism: C.CKM_AES_KEY_GEN }, [
        { type: C.CKA_CLASS, value: C.CKO_SECRET_KEY },
        { type: C.CKA_KEY_TYPE, value: C.CKK_AES },
        { type: C.CKA_TOKEN, value: true },
        { type: C.CKA_PRIVATE, value: true },
        { type: C.CKA_SENSITIVE, value: true },
        { type: C.CKA_EXTRACTABLE, value: ctx.options.extractable === true },
        { type: C.CKA_VALUE_LEN, value: bits / 8 },
        { type: C.CKA_LABEL, value: label },
        flag(C.CKA_ENCRYPT, 'encrypt'),
        flag(C.CKA_DECRYPT, 'decrypt'),
        flag(C.CKA_WRAP, 'wrap'),
        flag(C.CKA_UNWRAP, 'unwrap'),
        flag(C.CKA_SIGN, 'sign'),
        flag(C.CKA_VERIFY, 'verify'),
        flag(C.CKA_DERIVE, 'derive'),
      ]);
      t.track(key);
      return { token: t.label, label, keyType: 'aes' as const, bits, usage: [...usage], key: t.attributes(key, SUMMARY_ATTRIBUTES) };
    }),
  display: (d) => `Generated AES-${d.bits} key "${d.label}" on token "${d.token}".\n${attributeLines(d.key, '    ')}\n`,
};

export default command;
