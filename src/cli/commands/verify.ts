import type { CommandDefinition } from '../definition.ts';
import { withToken } from '../token.ts';
import { prepareSign, SIGN_MECHANISM } from '../mechanisms.ts';
import { INPUT, KEY_LABEL, TOKEN_OPTIONS } from './options.ts';
import { checkInputs, readInput } from './common.ts';

interface Verified {
  token: string | undefined;
  key: string;
  mechanism: string;
  input: string;
  signature: string;
  valid: true;
}

const command: CommandDefinition<Verified> = {
  name: 'verify',
  summary: 'Verify a raw signature of a file with a public key.',
  description:
    'Verifies --signature over --input with the public key --key-label (C_VerifyInit/C_Verify), with the mechanism it was made with. ' +
    'A signature that does not match is CKR_SIGNATURE_INVALID (or CKR_SIGNATURE_LEN_RANGE): it is explained and the exit status is 4.',
  options: [
    ...TOKEN_OPTIONS,
    KEY_LABEL,
    { ...INPUT, description: 'The signed file.' },
    { name: 'signature', type: 'string', description: 'The raw signature file.', required: true, placeholder: '<file>' },
    SIGN_MECHANISM,
  ],
  examples: [
    { command: 'hsm-cli verify --label TOKEN --key-label signer --input report.pdf --signature report.pdf.sig', description: 'Exit 0 if it matches, 4 if not.' },
    { command: 'hsm-cli verify --label TOKEN --key-label ec-signer --input f --signature f.sig --mechanism ecdsa-sha256', description: 'An ECDSA signature.' },
  ],
  codes: ['CKR_SIGNATURE_INVALID', 'CKR_SIGNATURE_LEN_RANGE', 'CKR_KEY_TYPE_INCONSISTENT', 'CKR_KEY_FUNCTION_NOT_PERMITTED', 'CKR_MECHANISM_INVALID'],
  context: 'verify',
  run: (ctx) => {
    const input = ctx.options.input as string;
    const signature = ctx.options.signature as string;
    checkInputs([input, signature]);
    return withToken(ctx, { login: 'user-if-given' }, (t) => {
      const label = ctx.options['key-label'] as string;
      const { handle } = t.findKey(label, ['public']);
      const prepared = prepareSign(t, ctx.options.mechanism as string | undefined, t.number(handle, 'CKA_KEY_TYPE'));
      t.p11.C_VerifyInit(t.sessionHandle, prepared.mechanism, handle);
      t.p11.C_Verify(t.sessionHandle, prepared.data(readInput(input)), readInput(signature));
      return { token: t.label, key: label, mechanism: prepared.name, input, signature, valid: true as const };
    });
  },
  display: (d) => `Signature OK: ${d.signature} matches ${d.input} (key "${d.key}", ${d.mechanism}).\n`,
};

export default command;
