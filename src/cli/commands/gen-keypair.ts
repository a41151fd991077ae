import type { CommandDefinition } from '../definition.ts';
import { CliError } from '../errors.ts';
import { withToken, type Template } from '../token.ts';
import { CURVES, SUMMARY_ATTRIBUTES, type AttributeValue } from '../attributes.ts';
import { withProgress } from '../terminal.ts';
import { EXTRACTABLE, KEY_LABEL, NO_LOGIN, TOKEN_OPTIONS, USAGE, type KeyUsage } from './options.ts';
import { attributeLines, ensureLabelFree, keyUsages } from './common.ts';

interface KeyPair {
  token: string | undefined;
  label: string;
  keyType: 'rsa' | 'ec';
  size: string;
  id: string;
  usage: KeyUsage[];
  privateKey: Record<string, AttributeValue>;
  publicKey: Record<string, AttributeValue>;
}

const RSA_USAGES: readonly KeyUsage[] = ['sign', 'verify', 'encrypt', 'decrypt', 'wrap', 'unwrap'];
const EC_USAGES: readonly KeyUsage[] = ['sign', 'verify', 'derive'];

const command: CommandDefinition<KeyPair> = {
  name: 'gen-keypair',
  summary: 'Generate an RSA or EC key pair on the token (C_GenerateKeyPair).',
  description:
    'Generates a key pair labelled --key-label: RSA 2048/3072/4096 or EC P-256/P-384/P-521. The private key is ' +
    'private and sensitive; it is extractable (wrappable) only with --extractable. --usage limits what the keys may ' +
    'do (e.g. --usage verify,decrypt makes a private key without CKA_SIGN). Both keys get CKA_ID = SHA-1 of the public ' +
    'value, as pkcs11-tool does. If a step after generation fails, both keys are destroyed. A progress line shows on a terminal.',
  options: [
    ...TOKEN_OPTIONS,
    KEY_LABEL,
    { name: 'key-type', type: 'string', description: 'Key pair type.', choices: ['rsa', 'ec'], required: true, placeholder: '<type>' },
    { name: 'key-size', type: 'number', description: 'RSA modulus bits (default 2048).', choices: ['2048', '3072', '4096'], placeholder: '<bits>' },
    { name: 'curve', type: 'string', description: 'EC curve (default p256).', choices: Object.keys(CURVES), placeholder: '<curve>' },
    EXTRACTABLE,
    USAGE,
    NO_LOGIN,
  ],
  examples: [
    { command: 'export HSM_USER_PIN=...; hsm-cli gen-keypair --label TOKEN --key-type rsa --key-size 2048 --key-label signer', description: 'An RSA-2048 signing key pair.' },
    { command: 'hsm-cli gen-keypair --label TOKEN --key-type ec --curve p256 --key-label ec-signer', description: 'An EC P-256 key pair.' },
    { command: 'hsm-cli gen-keypair --label TOKEN --key-type rsa --key-label no-sign --usage verify,decrypt', description: 'A key pair whose private key may not sign.' },
  ],
  codes: ['CKR_USER_NOT_LOGGED_IN', 'CKR_TEMPLATE_INCONSISTENT', 'CKR_TEMPLATE_INCOMPLETE', 'CKR_MECHANISM_INVALID', 'CKR_KEY_SIZE_RANGE', 'CKR_GENERAL_ERROR'],
  context: 'keygen',
  run: (ctx) =>
    withToken(ctx, { session: 'rw', login: 'user' }, async (t) => {
      const label = ctx.options['key-label'] as string;
      const keyType = ctx.options['key-type'] as 'rsa' | 'ec';
      if (keyType === 'ec' && ctx.options['key-size'] !== undefined) throw new CliError('USAGE', 'EC keys take --curve, not --key-size');
      if (keyType === 'rsa' && ctx.options.curve !== undefined) throw new CliError('USAGE', 'RSA keys take --key-size, not --curve');
      const usage = keyUsages(ctx, keyType === 'rsa' ? RSA_USAGES : EC_USAGES, keyType === 'rsa' ? RSA_USAGES : EC_USAGES);
      ensureLabelFree(t, label);
      const { C } = t;
      const flag = (type: number, name: KeyUsage) => ({ type, value: usage.has(name) });
      const size = keyType === 'rsa' ? String(ctx.options['key-size'] ?? 2048) : String(ctx.options.curve ?? 'p256');
      const publicTemplate: Template = [
        { type: C.CKA_CLASS, value: C.CKO_PUBLIC_KEY },
        { type: C.CKA_TOKEN, value: true },
        { type: C.CKA_PRIVATE, value: false },
        { type: C.CKA_LABEL, value: label },
        flag(C.CKA_VERIFY, 'verify'),
        flag(C.CKA_ENCRYPT, 'encrypt'),
        flag(C.CKA_WRAP, 'wrap'),
        ...(keyType === 'rsa'
          ? [
              { type: C.CKA_MODULUS_BITS, value: Number(size) },
              { type: C.CKA_PUBLIC_EXPONENT, value: Buffer.from([1, 0, 1]) },
            ]
          : [{ type: C.CKA_EC_PARAMS, value: Buffer.from(CURVES[size].der, 'hex') }]),
      ];
      const privateTemplate: Template = [
        { type: C.CKA_CLASS, value: C.CKO_PRIVATE_KEY },
        { type: C.CKA_TOKEN, value: true },
        { type: C.CKA_PRIVATE, value: true },
        { type: C.CKA_SENSITIVE, value: true },
        { type: C.CKA_EXTRACTABLE, value: ctx.options.extractable === true },
        { type: C.CKA_LABEL, value: label },
        flag(C.CKA_SIGN, 'sign'),
        flag(C.CKA_DECRYPT, 'decrypt'),
        flag(C.CKA_UNWRAP, 'unwrap'),
        flag(C.CKA_DERIVE, 'derive'),
      ];
      const mechanism = { mechanism: keyType === 'rsa' ? C.CKM_RSA_PKCS_KEY_PAIR_GEN : C.CKM_EC_KEY_PAIR_GEN };
      const keys = await withProgress(ctx.io, `generating ${keyType.toUpperCase()} ${size} key pair`, () =>
        t.p11.C_GenerateKeyPairAsync(t.sessionHandle, mechanism, publicTemplate, privateTemplate),
      );
      t.track(keys.publicKey, keys.privateKey);
      // Step 2: CKA_ID from the public value. If it fails, withToken destroys both keys.
      const [publicValue] = t.p11.C_GetAttributeValue(t.sessionHandle, keys.publicKey, [{ type: keyType === 'rsa' ? C.CKA_MODULUS : C.CKA_EC_POINT }]);
      const id = process.getBuiltinModule('node:crypto').createHash('sha1').update(publicValue.value as Buffer).digest();
      for (const key of [keys.publicKey, keys.privateKey]) t.p11.C_SetAttributeValue(t.sessionHandle, key, [{ type: C.CKA_ID, value: id }]);
      return {
        token: t.label,
        label,
        keyType,
        size,
        id: id.toString('hex'),
        usage: [...usage],
        privateKey: t.attributes(keys.privateKey, SUMMARY_ATTRIBUTES),
        publicKey: t.attributes(keys.publicKey, SUMMARY_ATTRIBUTES),
      };
    }),
  display: (d) =>
    `Generated ${d.keyType.toUpperCase()} ${d.size} key pair "${d.label}" (id ${d.id}) on token "${d.token}".\n` +
    `Private key:\n${attributeLines(d.privateKey, '    ')}\nPublic key:\n${attributeLines(d.publicKey, '    ')}\n`,
};

export default command;
