import type { CommandDefinition } from '../definition.ts';
import { unpadded, withToken } from '../token.ts';
import { TOKEN_OPTIONS } from './options.ts';
import { tokenView, type TokenView } from './common.ts';

interface Info {
  module: string;
  cryptokiVersion: string;
  manufacturer: string;
  library: string;
  libraryVersion: string;
  slots: { id: number; description: string; token?: Pick<TokenView, 'label' | 'serial' | 'initialized'> }[];
}

const command: CommandDefinition<Info> = {
  name: 'info',
  summary: 'Library information (C_GetInfo) and a slot/token summary.',
  description: 'Loads the PKCS#11 module, prints what C_GetInfo reports (Cryptoki version, manufacturer, library) and one line per slot. Needs no token and no PIN.',
  options: TOKEN_OPTIONS,
  examples: [
    { command: 'hsm-cli info', description: 'Check that the default module (SoftHSM2) loads.' },
    { command: 'hsm-cli info --module /usr/lib/x86_64-linux-gnu/opensc-pkcs11.so', description: 'Another module.' },
  ],
  codes: ['CKR_CRYPTOKI_NOT_INITIALIZED', 'CKR_CRYPTOKI_ALREADY_INITIALIZED', 'CKR_GENERAL_ERROR', 'CKR_FUNCTION_FAILED'],
  context: 'library',
  run: (ctx) =>
    withToken(ctx, { token: false }, (t) => {
      const info = t.p11.C_GetInfo();
      const version = (v: { major: number; minor: number }) => `${v.major}.${v.minor}`;
      return {
        module: t.modulePath,
        cryptokiVersion: version(info.cryptokiVersion),
        manufacturer: unpadded(info.manufacturerID),
        library: unpadded(info.libraryDescription),
        libraryVersion: version(info.libraryVersion),
        slots: t.slots().map((s) => {
          const token = s.token ? tokenView(t, s.token) : undefined;
          return { id: s.id, description: s.description, ...(token ? { token: { label: token.label, serial: token.serial, initialized: token.initialized } } : {}) };
        }),
      };
    }),
  display: (d) =>
    [
      `Module:    ${d.module}`,
      `Library:   ${d.library} ${d.libraryVersion} (${d.manufacturer}), Cryptoki ${d.cryptokiVersion}`,
      `Slots:     ${d.slots.length}`,
      ...d.slots.map((s) =>
        `  ${String(s.id).padEnd(12)} ${s.token ? (s.token.initialized ? `token "${s.token.label}" serial ${s.token.serial}` : 'token not initialized') : 'no token'}`),
      '',
    ].join('\n'),
};

export default command;
