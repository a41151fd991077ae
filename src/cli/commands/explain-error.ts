import type { CommandDefinition } from '../definition.ts';
import { CliError } from '../errors.ts';
import { EXIT } from '../exit-codes.ts';
import type { Explanation } from '../explain.ts';
import { formatExplanation } from '../format-explanation.ts';
import { JSON_OPTION } from './options.ts';

const command: CommandDefinition<Explanation> = {
  name: 'explain-error',
  summary: 'Explain a CKR code, value or error line, offline.',
  description:
    'Reads a code name (CKR_PIN_INCORRECT, pin incorrect), a value (0xA0, A0, 160, 0x000000A0) or a whole ' +
    'error line (pkcs11js "CKR_PIN_INCORRECT:160", a Java or Go stack trace) and prints the code: value, ' +
    'category, meaning, common causes, solutions and, with --context, the steps for that operation. ' +
    'Works without a token and without loading any PKCS#11 module.',
  args: [{ name: 'input', description: 'A code name, a value, or an error line (quote it).', required: true }],
  options: [
    // The ids are the reference's contexts (content/ckr-reference.md), checked when the command runs.
    { name: 'context', type: 'string', description: 'Operation the error came from (sign, verify, login, wrap...): adds its troubleshooting steps.', placeholder: '<op>' },
    JSON_OPTION,
    { name: 'base-url', type: 'string', description: 'Where the code pages live (for the printed links).', env: 'CKR_REF_BASE_URL', placeholder: '<url>' },
  ],
  examples: [
    { command: 'hsm-cli explain-error 0xA0', description: 'Explain CKR_PIN_INCORRECT from its hex value.' },
    { command: 'hsm-cli explain-error CKR_KEY_HANDLE_INVALID --context sign', description: 'Add the steps for a failed signing operation.' },
    { command: "hsm-cli explain-error 'Error: CKR_PIN_INCORRECT:160'", description: 'Read a pkcs11js error line.' },
    { command: 'hsm-cli explain-error 0x80000101 --json', description: 'A vendor-defined value, as JSON.' },
  ],
  codes: [],
  context: 'library',
  async run(ctx) {
    const { explainResult, loadReference } = await import('../explain.ts');
    let reference: ReturnType<typeof loadReference>;
    try {
      reference = loadReference(ctx.io.env);
    } catch (e) {
      throw new CliError('ENVIRONMENT', `cannot read the reference: ${(e as Error).message}`, 'set CKR_CONTENT_DIR to a content/ folder');
    }
    const context = ctx.options.context;
    if (typeof context === 'string' && !reference.index.contexts.some((c) => c.id === context)) {
      throw new CliError('USAGE', `unknown --context "${context}"`, `one of: ${reference.index.contexts.map((c) => c.id).join(', ')}`);
    }
    return explainResult(reference, reference.lookup(ctx.args.input ?? ''), {
      baseUrl: ctx.baseUrl,
      full: true,
      ...(typeof ctx.options.context === 'string' ? { context: ctx.options.context } : {}),
    });
  },
  display: (data) => formatExplanation(data),
  exitCode: (data) => (data.kind === 'none' ? EXIT.ENVIRONMENT.code : EXIT.OK.code),
};

export default command;
