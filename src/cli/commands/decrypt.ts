import type { CommandDefinition } from '../definition.ts';
import { CliError } from '../errors.ts';
import { withToken } from '../token.ts';
import { CIPHER, cipherMechanism, defaultCipher, IV_LENGTH, type Cipher } from '../mechanisms.ts';
import { INPUT, KEY_LABEL, OUTPUT, TOKEN_OPTIONS } from './options.ts';
import { checkInputs, readInput, writeOutput } from './common.ts';
import type { CipherResult } from './encrypt.ts';

const command: CommandDefinition<CipherResult> = {
  name: 'decrypt',
  summary: 'Decrypt a file made by encrypt (aes-gcm, aes-cbc-pad, rsa-oaep).',
  description:
    'Reads the layout encrypt writes (IV first for the AES modes) and decrypts with the AES key or the RSA private key ' +
    '--key-label. Note: SoftHSM2 reports a tampered AES-GCM tag as CKR_GENERAL_ERROR, not CKR_ENCRYPTED_DATA_INVALID.',
  options: [...TOKEN_OPTIONS, KEY_LABEL, INPUT, OUTPUT, CIPHER],
  examples: [
    { command: 'export HSM_USER_PIN=...; hsm-cli decrypt --label TOKEN --key-label data-key --input secret.enc --output secret.txt', description: 'AES-GCM.' },
    { command: 'hsm-cli decrypt --label TOKEN --key-label rsa-key --input k.enc --output k.bin --mechanism rsa-oaep', description: 'RSA-OAEP with the private key.' },
  ],
  codes: ['CKR_ENCRYPTED_DATA_INVALID', 'CKR_ENCRYPTED_DATA_LEN_RANGE', 'CKR_KEY_FUNCTION_NOT_PERMITTED', 'CKR_KEY_TYPE_INCONSISTENT', 'CKR_GENERAL_ERROR'],
  context: 'decrypt',
  run: (ctx) => {
    checkInputs([ctx.options.input as string]);
    return withToken(ctx, { login: 'user' }, (t) => {
      const label = ctx.options['key-label'] as string;
      const { handle } = t.findKey(label, ['secret', 'private']);
      const cipher = (ctx.options.mechanism as Cipher | undefined) ?? defaultCipher(t, t.number(handle, 'CKA_KEY_TYPE'));
      const data = readInput(ctx.options.input as string);
      const ivLength = IV_LENGTH[cipher];
      if (data.length <= ivLength) throw new CliError('USAGE', `${ctx.options.input} is too short for ${cipher} (${data.length} bytes)`);
      t.p11.C_DecryptInit(t.sessionHandle, cipherMechanism(t, cipher, data.subarray(0, ivLength)), handle);
      const plain = t.p11.C_Decrypt(t.sessionHandle, data.subarray(ivLength), Buffer.alloc(data.length + 1024));
      writeOutput(ctx.options.output as string, plain);
      return { token: t.label, key: label, mechanism: cipher, input: ctx.options.input as string, output: ctx.options.output as string, bytes: plain.length };
    });
  },
  display: (d) => `Decrypted ${d.input} -> ${d.output} (${d.bytes} bytes, ${d.mechanism}, key "${d.key}").\n`,
};

export default command;
