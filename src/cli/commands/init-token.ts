import type { CommandDefinition } from '../definition.ts';
import { CliError } from '../errors.ts';
import { readPin } from '../pin.ts';
import { unpadded, withToken } from '../token.ts';
import { TOKEN_OPTIONS, YES } from './options.ts';
import { confirmDestructive } from './common.ts';

interface Initialized {
  label: string;
  slot: number;
  previousSlot: number;
  serial: string;
}

const command: CommandDefinition<Initialized> = {
  name: 'init-token',
  summary: 'Initialize a token (C_InitToken) in the given slot or the first free one.',
  description:
    'Initializes a token with a label and an SO PIN. Without --slot it takes the first slot whose token is not ' +
    'initialized; with --slot it re-initializes that token, erasing it (after a y/N question, or with --yes). It refuses a label another token already ' +
    'has, since every command finds its token by label. SoftHSM2 moves the new token to a new slot ID: the new ID is printed. ' +
    'Then set the user PIN with init-pin.',
  options: [
    ...TOKEN_OPTIONS.map((o) => (o.name === 'label' ? { ...o, description: 'Label of the new token (at most 32 bytes).', required: true } : o)),
    { ...YES, description: 'Re-initialize an initialized token given by --slot without asking (it erases every object on it).' },
  ],
  examples: [
    { command: 'export HSM_SO_PIN=...; hsm-cli init-token --label demo', description: 'A new token in the first free slot.' },
    { command: 'export HSM_SO_PIN=...; hsm-cli init-token --label demo --slot 0 --yes', description: 'Initialize the token in slot 0, erasing it if it was initialized.' },
  ],
  codes: ['CKR_PIN_INCORRECT', 'CKR_PIN_LEN_RANGE', 'CKR_SESSION_EXISTS', 'CKR_SLOT_ID_INVALID', 'CKR_TOKEN_WRITE_PROTECTED'],
  context: 'token-admin',
  run: (ctx) =>
    withToken(ctx, { token: false }, async (t) => {
      const label = ctx.options.label as string;
      if (Buffer.byteLength(label) > 32) throw new CliError('USAGE', 'a token label is at most 32 bytes');
      const slots = t.slots();
      const requested = ctx.options.slot as number | undefined;
      const holder = slots.find((s) => s.token && (s.token.flags & t.C.CKF_TOKEN_INITIALIZED) && unpadded(s.token.label) === label);
      if (holder && holder.id !== requested) {
        throw new CliError('ENVIRONMENT', `a token labelled "${label}" already exists (slot ${holder.id})`, `re-initialize it with --slot ${holder.id}, or choose another label`);
      }
      const target = requested ?? slots.find((s) => s.token && !(s.token.flags & t.C.CKF_TOKEN_INITIALIZED))?.id;
      if (target === undefined) throw new CliError('ENVIRONMENT', 'no free slot: every token is initialized', 'pass --slot <id> to re-initialize one (erases it)');
      const current = slots.find((s) => s.id === target)?.token;
      if (current && current.flags & t.C.CKF_TOKEN_INITIALIZED) {
        await confirmDestructive(ctx, 're-initialize an initialized token', `Re-initialize token "${unpadded(current.label)}" in slot ${target}? Every object on it is erased.`);
      }
      const soPin = await readPin(ctx, 'so-pin', label);
      // CK_UTF8CHAR[32], blank padded: pkcs11js passes the string as is and the module reads 32 bytes.
      t.p11.C_InitToken(t.slotHandle(target), soPin, label + ' '.repeat(32 - Buffer.byteLength(label)));
      // SoftHSM2 gives the initialized token a new slot ID, visible after re-initializing: find it by label.
      t.reinitialize();
      const now = t.slots(true).find((s) => s.token && unpadded(s.token.label) === label);
      return { label, slot: now?.id ?? target, previousSlot: target, serial: unpadded(now?.token?.serialNumber ?? '') ?? '' };
    }),
  display: (d) =>
    `Token "${d.label}" initialized: slot ${d.slot}${d.slot !== d.previousSlot ? ` (was ${d.previousSlot}: the module renumbered it)` : ''}, serial ${d.serial}.\n` +
    `Next: hsm-cli init-pin --label ${d.label}\n`,
};

export default command;
