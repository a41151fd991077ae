import type { CommandDefinition } from '../definition.ts';
import { withToken } from '../token.ts';
import { CIPHER, cipherMechanism, defaultCipher, IV_LENGTH, type Cipher } from '../mechanisms.ts';
import { INPUT, KEY_LABEL, OUTPUT, TOKEN_OPTIONS } from './options.ts';
import { checkInputs, readInput, writeOutput } from './common.ts';

export interface CipherResult {
  token: string | undefined;
  key: string;
  mechanism: Cipher;
  input: string;
  output: string;
  bytes: number;
}

const command: CommandDefinition<CipherResult> = {
  name: 'encrypt',
  summary: 'Encrypt a file with an AES key (aes-gcm, aes-cbc-pad) or an RSA public key (rsa-oaep).',
  description:
    'aes-gcm (default for AES keys) writes a random 12-byte IV, then ciphertext and 16-byte tag; aes-cbc-pad writes a random ' +
    '16-byte IV, then the ciphertext; rsa-oaep (default for RSA keys; OAEP with SHA-1, the only hash SoftHSM2 accepts) ' +
    'writes the ciphertext. decrypt reads the same layout.',
  options: [...TOKEN_OPTIONS, KEY_LABEL, INPUT, OUTPUT, CIPHER],
  examples: [
    { command: 'export HSM_USER_PIN=...; hsm-cli encrypt --label TOKEN --key-label data-key --input secret.txt --output secret.enc', description: 'AES-GCM with a random IV.' },
    { command: 'hsm-cli encrypt --label TOKEN --key-label rsa-key --input k.bin --output k.enc --mechanism rsa-oaep', description: 'RSA-OAEP to a public key.' },
  ],
  codes: ['CKR_KEY_FUNCTION_NOT_PERMITTED', 'CKR_KEY_TYPE_INCONSISTENT', 'CKR_DATA_LEN_RANGE', 'CKR_MECHANISM_INVALID', 'CKR_MECHANISM_PARAM_INVALID'],
  context: 'encrypt',
  run: (ctx) => {
    checkInputs([ctx.options.input as string]);
    return withToken(ctx, { login: 'user' }, (t) => {
      const label = ctx.options['key-label'] as string;
      const { handle } = t.findKey(label, ['secret', 'public']);
      const cipher = (ctx.options.mechanism as Cipher | undefined) ?? defaultCipher(t, t.number(handle, 'CKA_KEY_TYPE'));
      const iv = process.getBuiltinModule('node:crypto').randomBytes(IV_LENGTH[cipher]);
      const data = readInput(ctx.options.input as string);
      t.p11.C_EncryptInit(t.sessionHandle, cipherMechanism(t, cipher, iv), handle);
      const encrypted = t.p11.C_Encrypt(t.sessionHandle, data, Buffer.alloc(data.length + 1024));
      const output = Buffer.concat([iv, encrypted]);
      writeOutput(ctx.options.output as string, output);
      return { token: t.label, key: label, mechanism: cipher, input: ctx.options.input as string, output: ctx.options.output as string, bytes: output.length };
    });
  },
  display: (d) => `Encrypted ${d.input} -> ${d.output} (${d.bytes} bytes, ${d.mechanism}, key "${d.key}").\n`,
};

export default command;
