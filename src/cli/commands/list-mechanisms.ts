import type { CommandDefinition } from '../definition.ts';
import { withToken } from '../token.ts';
import { TOKEN_OPTIONS } from './options.ts';
import { table } from './common.ts';

const MECHANISM_FLAGS = [
  'CKF_HW', 'CKF_ENCRYPT', 'CKF_DECRYPT', 'CKF_DIGEST', 'CKF_SIGN', 'CKF_SIGN_RECOVER', 'CKF_VERIFY', 'CKF_VERIFY_RECOVER',
  'CKF_GENERATE', 'CKF_GENERATE_KEY_PAIR', 'CKF_WRAP', 'CKF_UNWRAP', 'CKF_DERIVE',
] as const;

interface Mechanisms {
  token: string | undefined;
  slot: number;
  mechanisms: { name: string; value: number; hex: string; minKeySize?: number; maxKeySize?: number; flags?: string[] }[];
}

const command: CommandDefinition<Mechanisms> = {
  name: 'list-mechanisms',
  summary: 'Mechanisms the token supports (C_GetMechanismList), with key sizes and flags when --detailed.',
  description:
    'Lists every CKM_* the token reports. --detailed adds C_GetMechanismInfo: key size range and what each ' +
    'mechanism may do (sign, encrypt, wrap...). Use it before blaming CKR_MECHANISM_INVALID on your code. Needs --label or --slot.',
  options: [...TOKEN_OPTIONS, { name: 'detailed', type: 'boolean', description: 'Add key sizes and flags (C_GetMechanismInfo).' }],
  examples: [
    { command: 'hsm-cli list-mechanisms --label TOKEN', description: 'Names only.' },
    { command: 'hsm-cli list-mechanisms --label TOKEN --detailed', description: 'With key sizes and flags.' },
  ],
  codes: ['CKR_MECHANISM_INVALID', 'CKR_SLOT_ID_INVALID', 'CKR_TOKEN_NOT_PRESENT'],
  context: 'token-admin',
  run: (ctx) =>
    withToken(ctx, { session: false }, (t) => {
      const slot = t.slot!;
      const mechanisms = t.p11.C_GetMechanismList(slot).map((value) => {
        const entry = { name: t.name('CKM_', value), value, hex: `0x${value.toString(16).toUpperCase().padStart(8, '0')}` };
        if (!ctx.options.detailed) return entry;
        const info = t.p11.C_GetMechanismInfo(slot, value);
        return { ...entry, minKeySize: info.minKeySize, maxKeySize: info.maxKeySize, flags: t.flags(info.flags, MECHANISM_FLAGS) };
      });
      mechanisms.sort((a, b) => a.name.localeCompare(b.name));
      return { token: t.label, slot: t.slotId(), mechanisms };
    }),
  display: (d) =>
    `${d.mechanisms.length} mechanisms on token "${d.token}":\n` +
    table(
      d.mechanisms.map((m) =>
        m.flags
          ? [m.name, m.hex, `${m.minKeySize}-${m.maxKeySize}`, m.flags.map((f) => f.replace(/^CKF_/, '').toLowerCase()).join(',')]
          : [m.name, m.hex],
      ),
    ) +
    '\n',
};

export default command;
