/**
 * Options shared by several commands, defined once (names follow /work/notes/cli-surface.md).
 */
import type { OptionDefinition } from '../definition.ts';

export const DEFAULT_MODULE = '/usr/lib/softhsm/libsofthsm2.so';

export const JSON_OPTION: OptionDefinition = { name: 'json', type: 'boolean', description: 'Print the result (or the failure) as JSON on stdout.' };

/** Every token command takes these. */
export const TOKEN_OPTIONS: readonly OptionDefinition[] = [
  {
    name: 'module',
    type: 'string',
    description: 'PKCS#11 module (shared library) to load.',
    env: 'PKCS11_MODULE',
    default: DEFAULT_MODULE,
    placeholder: '<path>',
  },
  { name: 'label', type: 'string', description: 'Token label: the token is found by label (slot IDs change when a token is initialized).', placeholder: '<token>' },
  { name: 'slot', type: 'number', description: 'Slot ID, instead of --label.', placeholder: '<id>' },
  {
    name: 'user-pin',
    type: 'string',
    description: 'User PIN; prompted for (no echo) when missing and stdin is a terminal.',
    env: 'HSM_USER_PIN',
    placeholder: '<pin>',
    secret: true,
  },
  {
    name: 'so-pin',
    type: 'string',
    description: 'Security Officer PIN; prompted for (no echo) when missing and stdin is a terminal.',
    env: 'HSM_SO_PIN',
    placeholder: '<pin>',
    secret: true,
  },
  JSON_OPTION,
];

export const KEY_LABEL: OptionDefinition = { name: 'key-label', type: 'string', description: 'Label (CKA_LABEL) of the key.', required: true, placeholder: '<label>' };
export const INPUT: OptionDefinition = { name: 'input', type: 'string', description: 'Input file.', required: true, placeholder: '<file>' };
export const OUTPUT: OptionDefinition = { name: 'output', type: 'string', description: 'Output file.', required: true, placeholder: '<file>' };
export const YES: OptionDefinition = { name: 'yes', type: 'boolean', description: 'Do not ask for confirmation (required when stdin is not a terminal).' };
export const EXTRACTABLE: OptionDefinition = {
  name: 'extractable',
  type: 'boolean',
  description: 'Create the key with CKA_EXTRACTABLE=true so it can be wrapped (default: not extractable).',
};
export const NO_LOGIN: OptionDefinition = {
  name: 'no-login',
  type: 'boolean',
  description: 'Do not log in (to reproduce what the token does for a public session, e.g. CKR_USER_NOT_LOGGED_IN).',
};

export const KEY_USAGES = ['sign', 'verify', 'encrypt', 'decrypt', 'wrap', 'unwrap', 'derive'] as const;
export type KeyUsage = (typeof KEY_USAGES)[number];
export const USAGE: OptionDefinition = {
  name: 'usage',
  type: 'string',
  multiple: true,
  description:
    `Usage flags to set (CKA_SIGN...), comma-separated or repeated: ${KEY_USAGES.join(', ')}. ` +
    'Default: every usage the key type supports. Flags not listed are set to false.',
  placeholder: '<usages>',
};

export const WRAPPING_KEY_LABEL: OptionDefinition = { name: 'wrapping-key-label', type: 'string', description: 'Label of the wrapping key.', required: true, placeholder: '<label>' };
