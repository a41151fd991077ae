/**
 * Every hsm-cli command, in the order `hsm-cli --help` and the site list them. Importing this file loads
 * the definitions only (no pkcs11js, no registry): the site generates /cli/<command>/ from COMMANDS, and
 * the reference validator checks each `hsm-cli ...` line of content/ with checkCommandLine.
 */
import type { CommandDefinition } from '../definition.ts';
import { parseCommand, splitCommandLine } from '../args.ts';
import { suggestName } from '../similar.ts';
import explainError from './explain-error.ts';
import info from './info.ts';
import listSlots from './list-slots.ts';
import listMechanisms from './list-mechanisms.ts';
import initToken from './init-token.ts';
import initPin from './init-pin.ts';
import changePin from './change-pin.ts';
import listObjects from './list-objects.ts';
import genKeypair from './gen-keypair.ts';
import genSymmetric from './gen-symmetric.ts';
import sign from './sign.ts';
import verify from './verify.ts';
import encrypt from './encrypt.ts';
import decrypt from './decrypt.ts';
import wrap from './wrap.ts';
import unwrap from './unwrap.ts';
import random from './random.ts';
import inspectKey from './inspect-key.ts';
import findKey from './find-key.ts';
import diffKeys from './diff-keys.ts';
import deleteKey from './delete-key.ts';
import cleanupTestTokens from './cleanup-test-tokens.ts';

export { TOKEN_OPTIONS } from './options.ts';

export const COMMANDS: readonly CommandDefinition[] = [
  explainError, info, listSlots, listMechanisms, initToken, initPin, changePin, listObjects, genKeypair, genSymmetric,
  sign, verify, encrypt, decrypt, wrap, unwrap, random, inspectKey, findKey, diffKeys, deleteKey, cleanupTestTokens,
];

/**
 * Problems with one documentation command line (`hsm-cli sign --label X --foo`): unknown command, unknown
 * option, option without its value, a value outside its choices. Placeholders (`<file>`, `TOKEN`, `$PIN`)
 * count as values; required options are not enforced (examples show what matters).
 */
export function checkCommandLine(line: string): string[] {
  const at = line.search(/(^|[\s;|&(])hsm-cli(\s|$)/);
  if (at < 0) return ['not an hsm-cli command line'];
  const [, name, ...rest] = splitCommandLine(line.slice(line.indexOf('hsm-cli', at)));
  if (name === undefined || /^(--help|-h|--version|-V|help)$/.test(name) || /^<[^>]*>$/.test(name)) return [];
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    const hint = suggestName(name, COMMANDS.map((c) => c.name));
    return [`unknown command "${name}"${hint ? ` (did you mean ${hint}?)` : ''}`];
  }
  return parseCommand(command, rest, {}, true).problems;
}
