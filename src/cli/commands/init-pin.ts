import type { CommandDefinition } from '../definition.ts';
import { readPin } from '../pin.ts';
import { withToken } from '../token.ts';
import { TOKEN_OPTIONS } from './options.ts';

const command: CommandDefinition<{ token: string | undefined; slot: number }> = {
  name: 'init-pin',
  summary: 'Set or reset the user PIN as the Security Officer (C_InitPIN).',
  description:
    'Logs in as SO with --so-pin and sets the user PIN to --user-pin. This is also how a locked or forgotten ' +
    'user PIN is reset. The SO PIN itself can only be reset by re-initializing the token.',
  options: TOKEN_OPTIONS,
  examples: [
    { command: 'export HSM_SO_PIN=... HSM_USER_PIN=...; hsm-cli init-pin --label demo', description: 'Set the user PIN of the new token demo.' },
    { command: 'export HSM_SO_PIN=... HSM_USER_PIN=...; hsm-cli init-pin --label TOKEN', description: 'Reset a locked or forgotten user PIN (HSM_USER_PIN is the new one).' },
  ],
  codes: ['CKR_PIN_INCORRECT', 'CKR_PIN_LEN_RANGE', 'CKR_USER_NOT_LOGGED_IN', 'CKR_USER_ANOTHER_ALREADY_LOGGED_IN', 'CKR_SESSION_READ_ONLY'],
  context: 'login',
  run: (ctx) =>
    withToken(ctx, { session: 'rw', login: 'so' }, async (t) => {
      t.p11.C_InitPIN(t.sessionHandle, await readPin(ctx, 'user-pin', t.label));
      return { token: t.label, slot: t.slotId() };
    }),
  display: (d) => `User PIN of token "${d.token}" set.\n`,
};

export default command;
