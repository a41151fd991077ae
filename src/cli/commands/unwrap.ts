import type { CommandDefinition } from '../definition.ts';
import { withToken } from '../token.ts';
import { WRAP_MECHANISM, wrapMechanism, type WrapMechanism } from '../mechanisms.ts';
import { SUMMARY_ATTRIBUTES, type AttributeValue } from '../attributes.ts';
import { INPUT, KEY_LABEL, TOKEN_OPTIONS, WRAPPING_KEY_LABEL } from './options.ts';
import { attributeLines, checkInputs, ensureLabelFree, readInput } from './common.ts';

interface Unwrapped {
  token: string | undefined;
  label: string;
  wrappingKey: string;
  mechanism: WrapMechanism;
  key: Record<string, AttributeValue>;
}

const command: CommandDefinition<Unwrapped> = {
  name: 'unwrap',
  summary: 'Import a wrapped key as a new AES key (C_UnwrapKey).',
  description:
    'Unwraps --input with --wrapping-key-label (an AES key with CKA_UNWRAP, or an RSA private key for rsa-oaep) into a new ' +
    'AES key labelled --key-label: token object, private, sensitive, not extractable, usable to encrypt, decrypt, wrap and unwrap. ' +
    'If anything fails, no key is left behind.',
  options: [
    ...TOKEN_OPTIONS,
    { ...WRAPPING_KEY_LABEL, description: 'Label of the unwrapping key.' },
    { ...INPUT, description: 'The wrapped key file.' },
    { ...KEY_LABEL, description: 'Label for the new key.' },
    { name: 'key-type', type: 'string', description: 'Type of the wrapped key.', choices: ['aes'], default: 'aes', placeholder: '<type>' },
    WRAP_MECHANISM,
  ],
  examples: [
    { command: 'export HSM_USER_PIN=...; hsm-cli unwrap --label TOKEN --wrapping-key-label kek --input data-key.wrapped --key-label data-key-2', description: 'Import an AES key wrapped with aes-key-wrap-pad.' },
  ],
  codes: ['CKR_WRAPPED_KEY_INVALID', 'CKR_WRAPPED_KEY_LEN_RANGE', 'CKR_UNWRAPPING_KEY_TYPE_INCONSISTENT', 'CKR_TEMPLATE_INCONSISTENT', 'CKR_KEY_FUNCTION_NOT_PERMITTED'],
  context: 'unwrap',
  run: (ctx) => {
    checkInputs([ctx.options.input as string]);
    return withToken(ctx, { session: 'rw', login: 'user' }, (t) => {
      const mechanism = ctx.options.mechanism as WrapMechanism;
      const label = ctx.options['key-label'] as string;
      const wrappingLabel = ctx.options['wrapping-key-label'] as string;
      ensureLabelFree(t, label);
      const { handle: unwrappingKey } = t.findKey(wrappingLabel, mechanism === 'rsa-oaep' ? ['private'] : ['secret']);
      const { C } = t;
      const key = t.p11.C_UnwrapKey(t.sessionHandle, wrapMechanism(t, mechanism), unwrappingKey, readInput(ctx.options.input as string), [
        { type: C.CKA_CLASS, value: C.CKO_SECRET_KEY },
        { type: C.CKA_KEY_TYPE, value: C.CKK_AES },
        { type: C.CKA_TOKEN, value: true },
        { type: C.CKA_PRIVATE, value: true },
        { type: C.CKA_SENSITIVE, value: true },
        { type: C.CKA_EXTRACTABLE, value: false },
        { type: C.CKA_LABEL, value: label },
        { type: C.CKA_ENCRYPT, value: true },
        { type: C.CKA_DECRYPT, value: true },
        { type: C.CKA_WRAP, value: true },
        { type: C.CKA_UNWRAP, value: true },
      ]);
      t.track(key);
      return { token: t.label, label, wrappingKey: wrappingLabel, mechanism, key: t.attributes(key, SUMMARY_ATTRIBUTES) };
    });
  },
  display: (d) => `Unwrapped into AES key "${d.label}" with "${d.wrappingKey}" (${d.mechanism}).\n${attributeLines(d.key, '    ')}\n`,
};

export default command;
