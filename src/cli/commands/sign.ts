import type { CommandDefinition } from '../definition.ts';
import { CliError } from '../errors.ts';
import { withToken } from '../token.ts';
import { prepareSign, SIGN_MECHANISM } from '../mechanisms.ts';
import { KEY_LABEL, INPUT, TOKEN_OPTIONS } from './options.ts';
import { checkInputs, writeOutput } from './common.ts';

// Built-ins via process.getBuiltinModule, not `import from 'node:...'` (start-up time: see main.ts).
const { readFileSync } = process.getBuiltinModule('node:fs');
const { basename, join } = process.getBuiltinModule('node:path');

interface Signed {
  token: string | undefined;
  key: string;
  mechanism: string;
  signatures: { input: string; output: string; bytes: number }[];
}

/** Largest raw signature hsm-cli makes: RSA-4096 (512 bytes); ECDSA P-521 is 132. */
const MAX_SIGNATURE = 1024;

const command: CommandDefinition<Signed> = {
  name: 'sign',
  summary: 'Sign one or many files with a private key; raw signatures out.',
  description:
    'Signs each --input with the private key --key-label (default mechanism: sha256-rsa-pkcs for RSA, ecdsa-sha256 for EC). ' +
    'SoftHSM2 has no CKM_ECDSA_SHA256, so ecdsa-sha256 hashes in Node and signs with CKM_ECDSA; ECDSA signatures are raw r||s. ' +
    'Several --input are signed in one session with one login and one key lookup (fast: about 1,000 RSA-2048 ' +
    'signatures a second on SoftHSM2); each signature goes to <input>.sig, or into --output-dir. --output names the file for a single input.',
  options: [
    ...TOKEN_OPTIONS,
    KEY_LABEL,
    { ...INPUT, multiple: true, description: 'File to sign (repeat for several).' },
    { name: 'output', type: 'string', description: 'Signature file for a single input (default <input>.sig).', placeholder: '<file>' },
    { name: 'output-dir', type: 'string', description: 'Directory for the signatures of several inputs (<name>.sig each).', placeholder: '<dir>' },
    SIGN_MECHANISM,
  ],
  examples: [
    { command: 'export HSM_USER_PIN=...; hsm-cli sign --label TOKEN --key-label signer --input report.pdf', description: 'Writes report.pdf.sig (RSA: sha256-rsa-pkcs).' },
    { command: 'hsm-cli sign --label TOKEN --key-label signer --input a.txt --input b.txt --output-dir sigs', description: 'Two files, one login.' },
    { command: 'hsm-cli sign --label TOKEN --key-label ec-signer --input f --output f.sig --mechanism ecdsa-sha256', description: 'ECDSA over SHA-256.' },
  ],
  codes: ['CKR_KEY_FUNCTION_NOT_PERMITTED', 'CKR_KEY_TYPE_INCONSISTENT', 'CKR_MECHANISM_INVALID', 'CKR_USER_NOT_LOGGED_IN', 'CKR_PIN_INCORRECT', 'CKR_DATA_LEN_RANGE'],
  context: 'sign',
  run: (ctx) => {
    const inputs = ctx.options.input as string[];
    const output = ctx.options.output as string | undefined;
    const outputDir = ctx.options['output-dir'] as string | undefined;
    if (output !== undefined && inputs.length > 1) throw new CliError('USAGE', '--output takes one input; use --output-dir for several');
    const target = (input: string) => output ?? (outputDir !== undefined ? join(outputDir, `${basename(input)}.sig`) : `${input}.sig`);
    checkInputs(inputs);
    return withToken(ctx, { login: 'user' }, (t) => {
      const label = ctx.options['key-label'] as string;
      const { handle } = t.findKey(label, ['private']);
      const prepared = prepareSign(t, ctx.options.mechanism as string | undefined, t.number(handle, 'CKA_KEY_TYPE'));
      const session = t.sessionHandle;
      const buffer = Buffer.alloc(MAX_SIGNATURE);
      const signatures: Signed['signatures'] = [];
      // One session, one login, one key lookup, one mechanism and one output buffer for every file.
      for (const input of inputs) {
        t.p11.C_SignInit(session, prepared.mechanism, handle);
        const signature = t.p11.C_Sign(session, prepared.data(readFileSync(input)), buffer);
        const path = target(input);
        writeOutput(path, signature);
        signatures.push({ input, output: path, bytes: signature.length });
      }
      return { token: t.label, key: label, mechanism: prepared.name, signatures };
    });
  },
  display: (d) => {
    const lines = d.signatures.length <= 20 ? d.signatures.map((s) => `  ${s.input} -> ${s.output} (${s.bytes} bytes)\n`).join('') : '';
    return `Signed ${d.signatures.length} file${d.signatures.length === 1 ? '' : 's'} with "${d.key}" (${d.mechanism}).\n${lines}`;
  },
};

export default command;
