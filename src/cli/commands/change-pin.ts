import type { CommandDefinition } from '../definition.ts';
import { givenPin, readPin } from '../pin.ts';
import { withToken } from '../token.ts';
import { TOKEN_OPTIONS } from './options.ts';

const command: CommandDefinition<{ token: string | undefined; user: 'user' | 'so' }> = {
  name: 'change-pin',
  summary: 'Change the user PIN (or the SO PIN with --so) with C_SetPIN.',
  description:
    'Logs in with the current PIN and sets the new one. The current PIN comes from --old-pin (HSM_OLD_PIN), else ' +
    '--user-pin/--so-pin, else a prompt; the new one from --new-pin (HSM_NEW_PIN) or a prompt.',
  options: [
    ...TOKEN_OPTIONS,
    { name: 'so', type: 'boolean', description: 'Change the SO PIN instead of the user PIN.' },
    { name: 'old-pin', type: 'string', description: 'Current PIN.', env: 'HSM_OLD_PIN', placeholder: '<pin>', secret: true },
    { name: 'new-pin', type: 'string', description: 'New PIN.', env: 'HSM_NEW_PIN', placeholder: '<pin>', secret: true },
  ],
  examples: [
    { command: 'export HSM_OLD_PIN=... HSM_NEW_PIN=...; hsm-cli change-pin --label demo', description: 'Change the user PIN.' },
    { command: 'export HSM_OLD_PIN=... HSM_NEW_PIN=...; hsm-cli change-pin --label TOKEN --so', description: 'Change the SO PIN.' },
  ],
  codes: ['CKR_PIN_INCORRECT', 'CKR_PIN_LEN_RANGE', 'CKR_PIN_INVALID', 'CKR_PIN_LOCKED', 'CKR_SESSION_READ_ONLY'],
  context: 'login',
  run: (ctx) =>
    withToken(ctx, { session: 'rw' }, async (t) => {
      const user = ctx.options.so ? 'so' : 'user';
      const oldPin = givenPin(ctx, 'old-pin') ?? givenPin(ctx, user === 'so' ? 'so-pin' : 'user-pin') ?? (await readPin(ctx, 'old-pin', t.label));
      const newPin = await readPin(ctx, 'new-pin', t.label);
      t.login(user, oldPin);
      t.p11.C_SetPIN(t.sessionHandle, oldPin, newPin);
      return { token: t.label, user };
    }),
  display: (d) => `${d.user === 'so' ? 'SO' : 'User'} PIN of token "${d.token}" changed.\n`,
};

export default command;
