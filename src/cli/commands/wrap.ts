import type { CommandDefinition } from '../definition.ts';
import { withToken } from '../token.ts';
import { WRAP_MECHANISM, wrapMechanism, type WrapMechanism } from '../mechanisms.ts';
import { KEY_LABEL, OUTPUT, TOKEN_OPTIONS, WRAPPING_KEY_LABEL } from './options.ts';
import { writeOutput } from './common.ts';

interface Wrapped {
  token: string | undefined;
  key: string;
  wrappingKey: string;
  mechanism: WrapMechanism;
  output: string;
  bytes: number;
}

const command: CommandDefinition<Wrapped> = {
  name: 'wrap',
  summary: 'Export a key encrypted under another key (C_WrapKey).',
  description:
    'Wraps the key --key-label (an AES key, or a private key with aes-key-wrap-pad) under --wrapping-key-label: an AES key ' +
    'with CKA_WRAP for aes-key-wrap-pad (RFC 5649, default) and aes-key-wrap (RFC 3394), or an RSA public key for rsa-oaep. ' +
    'The key must be extractable (made with --extractable), else the token answers CKR_KEY_UNEXTRACTABLE.',
  options: [
    ...TOKEN_OPTIONS,
    { ...KEY_LABEL, description: 'Label of the key to wrap.' },
    WRAPPING_KEY_LABEL,
    { ...OUTPUT, description: 'File for the wrapped key.' },
    WRAP_MECHANISM,
  ],
  examples: [
    { command: 'export HSM_USER_PIN=...; hsm-cli wrap --label TOKEN --key-label data-key --wrapping-key-label kek --output data-key.wrapped', description: 'AES key wrap with padding.' },
    { command: 'hsm-cli wrap --label TOKEN --key-label data-key --wrapping-key-label rsa-key --output k.wrapped --mechanism rsa-oaep', description: 'Wrap to an RSA public key.' },
  ],
  codes: ['CKR_KEY_UNEXTRACTABLE', 'CKR_KEY_NOT_WRAPPABLE', 'CKR_WRAPPING_KEY_TYPE_INCONSISTENT', 'CKR_KEY_FUNCTION_NOT_PERMITTED', 'CKR_MECHANISM_INVALID'],
  context: 'wrap',
  run: (ctx) =>
    withToken(ctx, { login: 'user' }, (t) => {
      const mechanism = ctx.options.mechanism as WrapMechanism;
      const label = ctx.options['key-label'] as string;
      const wrappingLabel = ctx.options['wrapping-key-label'] as string;
      const { handle: key } = t.findKey(label, ['secret', 'private']);
      const { handle: wrappingKey } = t.findKey(wrappingLabel, mechanism === 'rsa-oaep' ? ['public'] : ['secret']);
      const wrapped = t.p11.C_WrapKey(t.sessionHandle, wrapMechanism(t, mechanism), wrappingKey, key, Buffer.alloc(16384));
      writeOutput(ctx.options.output as string, wrapped);
      return { token: t.label, key: label, wrappingKey: wrappingLabel, mechanism, output: ctx.options.output as string, bytes: wrapped.length };
    }),
  display: (d) => `Wrapped "${d.key}" under "${d.wrappingKey}" (${d.mechanism}): ${d.output} (${d.bytes} bytes).\n`,
};

export default command;
