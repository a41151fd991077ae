/**
 * Help text from the definitions. Pure: `hsm-cli <command> --help` prints it and the site's /cli/<command>/
 * pages render the same text, so they cannot disagree.
 */
import { isDeepStrictEqual } from 'node:util';
import type { CommandDefinition, OptionDefinition } from './definition.ts';
import { EXIT_TABLE } from './exit-codes.ts';
import { HELP_OPTION } from './args.ts';
import { DEFAULT_MODULE, TOKEN_OPTIONS } from './commands/options.ts';
import { DEFAULT_SITE_URL } from '../urls.ts';

const WIDTH = 28;

function optionUsage(o: OptionDefinition): string {
  return o.type === 'boolean' ? `--${o.name}` : `--${o.name} ${o.placeholder ?? `<${o.type === 'number' ? 'n' : 'value'}>`}`;
}

function optionLine(o: OptionDefinition): string {
  const facts = [
    o.required ? 'required' : '',
    o.multiple ? 'repeatable' : '',
    o.choices ? `one of: ${o.choices.join(', ')}` : '',
    o.default !== undefined ? `default: ${o.default}` : '',
    o.env ? `env: ${o.env}` : '',
    o.secret ? 'never printed' : '',
  ].filter(Boolean);
  const head = `  ${optionUsage(o)}`;
  const text = `${o.description}${facts.length ? ` [${facts.join('; ')}]` : ''}`;
  return head.length < WIDTH ? `${head.padEnd(WIDTH)}${text}` : `${head}\n${' '.repeat(WIDTH)}${text}`;
}

/** One line: `hsm-cli sign --label <token> --key-label <label> --input <file> [options]`. */
export function formatUsage(def: CommandDefinition): string {
  const args = (def.args ?? []).map((a) => (a.required ? `<${a.name}>` : `[<${a.name}>]`));
  const required = def.options.filter((o) => o.required).map(optionUsage);
  return ['hsm-cli', def.name, ...args, ...required, '[options]'].join(' ');
}

export function formatExitCodes(): string {
  return EXIT_TABLE.map((e) => `  ${String(e.code).padStart(2)}  ${e.meaning}`).join('\n');
}

export function formatHelp(def: CommandDefinition): string {
  const tokenCommand = def.options.some((o) => o.name === 'module');
  // By value, not identity: a command's bundle (scripts/build-cli.ts) holds its own copy of options.ts.
  // An option a command redefines (init-token's --label) is its own.
  const shared = tokenCommand ? def.options.filter((o) => TOKEN_OPTIONS.some((t) => isDeepStrictEqual(t, o))) : [];
  const own = def.options.filter((o) => !shared.includes(o));
  const sections = [
    `hsm-cli ${def.name}: ${def.summary}`,
    `Usage\n  ${formatUsage(def)}`,
    def.description,
  ];
  if (def.args?.length) sections.push(`Arguments\n${def.args.map((a) => `  ${`<${a.name}>`.padEnd(WIDTH - 2)}${a.description}`).join('\n')}`);
  sections.push(`Options\n${[...own, HELP_OPTION].map(optionLine).join('\n')}`);
  if (shared.length) sections.push(`Token options\n${shared.map(optionLine).join('\n')}`);
  sections.push(`Examples\n${def.examples.map((e) => `  $ ${e.command}\n      ${e.description}`).join('\n')}`);
  if (def.codes.length) sections.push(`Codes it commonly meets\n  ${def.codes.join(', ')}`);
  sections.push(`Context\n  ${def.context}: failures are explained with this operation's steps unless the failed function belongs to another.`);
  sections.push(`Exit codes\n${formatExitCodes()}`);
  return `${sections.join('\n\n')}\n`;
}

export function formatOverview(commands: readonly CommandDefinition[], version: string): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 4;
  return [
    `hsm-cli ${version}: PKCS#11 companion of ckr.ref (explains every CKR_* it meets)`,
    'Usage\n  hsm-cli <command> [options]\n  hsm-cli <command> --help\n  hsm-cli --version',
    `Commands\n${commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`).join('\n')}`,
    'Environment\n' +
      `  PKCS11_MODULE     PKCS#11 module (default ${DEFAULT_MODULE})\n` +
      '  HSM_USER_PIN, HSM_SO_PIN, HSM_OLD_PIN, HSM_NEW_PIN   PINs (never printed)\n' +
      `  CKR_REF_BASE_URL  where the code pages live (default ${DEFAULT_SITE_URL})\n` +
      '  CKR_CONTENT_DIR   reference content folder (default: the installed content/)',
    `Exit codes\n${formatExitCodes()}`,
  ].join('\n\n') + '\n';
}
