import type { CommandDefinition } from '../definition.ts';
import { withToken } from '../token.ts';
import { TOKEN_OPTIONS } from './options.ts';
import { tokenView, type TokenView } from './common.ts';

interface Slots {
  module: string;
  slots: { id: number; description: string; manufacturer: string; tokenPresent: boolean; token?: TokenView }[];
}

const yesNo = (b: boolean) => (b ? 'yes' : 'no');

const command: CommandDefinition<Slots> = {
  name: 'list-slots',
  summary: 'Slots, their tokens and token flags (initialized, user PIN set, PIN count low / final try / locked).',
  description:
    'One entry per slot with its token: label, serial, model, and the flags that explain login failures ' +
    '(user PIN initialized, PIN count low, final try, locked). Slot IDs can change when a token is initialized ' +
    '(SoftHSM2 renumbers them): use labels in scripts.',
  options: TOKEN_OPTIONS,
  examples: [
    { command: 'hsm-cli list-slots', description: 'Every slot and token of the default module.' },
    { command: 'hsm-cli list-slots --json', description: 'The same as JSON, for scripts.' },
  ],
  codes: ['CKR_SLOT_ID_INVALID', 'CKR_TOKEN_NOT_PRESENT', 'CKR_TOKEN_NOT_RECOGNIZED', 'CKR_CRYPTOKI_NOT_INITIALIZED'],
  context: 'token-admin',
  run: (ctx) =>
    withToken(ctx, { token: false }, (t) => ({
      module: t.modulePath,
      slots: t.slots().map(({ token, ...slot }) => ({ ...slot, ...(token ? { token: tokenView(t, token) } : {}) })),
    })),
  display: (d) =>
    d.slots
      .map((s) => {
        const head = `Slot ${s.id}: ${s.description}`;
        const token = s.token;
        if (!token) return `${head}\n  no token present`;
        if (!token.initialized) return `${head}\n  token not initialized (hsm-cli init-token --label <label>)`;
        return [
          head,
          `  Token:        "${token.label}"  serial ${token.serial}  ${token.model} (${token.manufacturer})`,
          `  User PIN set: ${yesNo(token.userPinInitialized)}   count low: ${yesNo(token.userPinCountLow)}   final try: ${yesNo(token.userPinFinalTry)}   locked: ${yesNo(token.userPinLocked)}`,
          `  SO PIN locked: ${yesNo(token.soPinLocked)}   PIN length: ${token.minPinLength}-${token.maxPinLength}`,
          `  Flags:        ${token.flags.map((f) => f.replace(/^CKF_/, '')).join(' ')}`,
        ].join('\n');
      })
      .join('\n\n') + '\n',
};

export default command;
