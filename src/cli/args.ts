/**
 * Command lines read against the definitions: node:util parseArgs tokens, then one pass that knows each
 * option's type, choices, env var and default. The same pass checks the `hsm-cli ...` lines of the
 * reference (`checkCommandLine`), where placeholders (`<file>`, `TOKEN`, `$HSM_USER_PIN`) stand for values.
 * Problems never repeat an option's value (it may be a PIN).
 */
import type { CommandDefinition, OptionDefinition, OptionValues } from './definition.ts';
import type * as Similar from './similar.ts';

/** similar.ts only when an option is unknown (start-up time); require(esm) keeps parsing synchronous. */
const similar = (): typeof Similar => process.getBuiltinModule('node:module').createRequire(import.meta.url)('./similar.ts') as typeof Similar;

// Not `import from 'node:util'`: its ESM namespace reads every export, which loads the streams.
const { parseArgs } = process.getBuiltinModule('node:util');

export const HELP_OPTION: OptionDefinition = { name: 'help', type: 'boolean', description: 'Show help for the command.' };

export interface ParsedLine {
  options: OptionValues;
  args: Record<string, string | undefined>;
  problems: string[];
}

/** A value in a documentation line that stands for one: `<file>`, `TOKEN`, `SO_PIN`, `$VAR`, `"$(cat f)"`, `...`. */
const isPlaceholder = (value: string) =>
  /^<[^>]*>$/.test(value) || /^[A-Z][A-Z0-9_]*$/.test(value) || value.startsWith('$') || /^(\.\.\.|…)$/.test(value);


/**
 * Reads argv (the words after the command name) for a definition. `documentation` accepts placeholders
 * for values and skips required-option checks (reference lines show the options that matter).
 */
export function parseCommand(
  def: CommandDefinition,
  argv: readonly string[],
  env: Record<string, string | undefined> = {},
  documentation = false,
): ParsedLine {
  const specs = [...def.options, HELP_OPTION];
  const byName = new Map(specs.map((o) => [o.name, o]));
  const problems: string[] = [];
  const options: OptionValues = {};
  const positionals: string[] = [];
  // `--user-pin -1234`: a value that starts with a dash belongs to the option before it (always for a
  // PIN, so no part of one is ever read as an option and echoed in an error).
  const words = [...argv];
  for (let i = 0; i < words.length - 1; i++) {
    const spec = /^--[^=]+$/.test(words[i]) ? byName.get(words[i].slice(2)) : undefined;
    if (spec && spec.type !== 'boolean' && words[i + 1].startsWith('-') && (spec.secret || !/^--?[a-zA-Z]/.test(words[i + 1]))) {
      words.splice(i, 2, `${words[i]}=${words[i + 1]}`);
    }
  }
  const { tokens } = parseArgs({
    args: words,
    options: Object.fromEntries(specs.map((o) => [o.name, { type: o.type === 'boolean' ? 'boolean' : 'string', multiple: o.multiple ?? false }])),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });

  let swallow = -1;
  for (const token of tokens) {
    if (token.kind === 'positional') {
      // The value of an unknown option is not a stray argument; `...` in documentation stands for more.
      if (token.index !== swallow && !(documentation && /^(\.\.\.|…)$/.test(token.value))) positionals.push(token.value);
      continue;
    }
    if (token.kind !== 'option') continue;
    const spec = token.rawName === '-h' ? HELP_OPTION : byName.get(token.name);
    if (!spec || (token.rawName.length === 2 && spec !== HELP_OPTION)) {
      const hint = similar().suggestName(token.name, specs.map((o) => o.name));
      problems.push(`unknown option ${token.rawName} for ${def.name}${hint ? ` (did you mean --${hint}?)` : ''}`);
      if (token.value === undefined) swallow = token.index + 1;
      continue;
    }
    if (spec.type === 'boolean') {
      if (token.value !== undefined) problems.push(`--${spec.name} takes no value`);
      else options[spec.name] = true;
      continue;
    }
    if (token.value === undefined) {
      problems.push(`--${spec.name} needs a value${spec.placeholder ? ` (${spec.placeholder})` : ''}`);
      continue;
    }
    const value = convert(spec, token.value, documentation, problems);
    if (value === undefined) continue;
    if (spec.multiple) ((options[spec.name] ??= []) as string[]).push(String(value));
    else options[spec.name] = value;
  }

  const declared = def.args ?? [];
  if (positionals.length > declared.length) {
    problems.push(declared.length === 0 ? `${def.name} takes no arguments` : `too many arguments for ${def.name}`);
  }
  const args = Object.fromEntries(declared.map((a, i) => [a.name, positionals[i]]));

  for (const spec of def.options) {
    if (options[spec.name] === undefined && spec.env && env[spec.env] !== undefined && env[spec.env] !== '') {
      const value = convert(spec, env[spec.env] as string, false, problems, spec.env);
      if (value !== undefined) options[spec.name] = spec.multiple ? [String(value)] : value;
    }
    if (options[spec.name] === undefined && spec.default !== undefined) options[spec.name] = spec.default;
    if (!documentation && !options.help && spec.required && options[spec.name] === undefined) {
      problems.push(`missing --${spec.name}${spec.placeholder ? ` ${spec.placeholder}` : ''}`);
    }
  }
  if (!documentation && !options.help) {
    for (const arg of declared) if (arg.required && args[arg.name] === undefined) problems.push(`missing argument <${arg.name}>`);
  }
  return { options, args, problems };
}

function convert(spec: OptionDefinition, raw: string, documentation: boolean, problems: string[], from?: string): string | number | undefined {
  if (documentation && isPlaceholder(raw)) return raw;
  const where = from ? `${from} (for --${spec.name})` : `--${spec.name}`;
  if (spec.type === 'number') {
    const value = raw.trim() === '' ? Number.NaN : Number(raw);
    if (!Number.isSafeInteger(value) || value < 0) {
      problems.push(`${where} expects a whole number`);
      return undefined;
    }
    if (spec.choices && !spec.choices.includes(String(value))) {
      problems.push(`${where} must be one of ${spec.choices.join(', ')}`);
      return undefined;
    }
    return value;
  }
  if (spec.choices && !spec.choices.includes(raw)) {
    problems.push(`${where} must be one of ${spec.choices.join(', ')}`);
    return undefined;
  }
  return raw;
}

/**
 * Splits a documentation command line into words like a shell would, up to the first pipe, redirection,
 * `;`, `&&`, `||`, `)` or comment. Quotes group; `$(...)` and `$VAR` stay one word.
 */
export function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: string | undefined;
  let depth = 0;
  const flush = () => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else word += c;
      continue;
    }
    if (depth > 0) {
      word += c;
      if (c === '(') depth++;
      if (c === ')') depth--;
      continue;
    }
    if (c === '$' && line[i + 1] === '(') {
      word += '$(';
      inWord = true;
      depth = 1;
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
      continue;
    }
    if (c === '\\' && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
      continue;
    }
    if (/\s/.test(c)) {
      flush();
      continue;
    }
    if (c === '<') {
      const placeholder = /^<[^<>\n]*>/.exec(line.slice(i));
      if (!placeholder) break;
      word += placeholder[0];
      inWord = true;
      i += placeholder[0].length - 1;
      continue;
    }
    if (c === '#' && !inWord) break;
    if ('|;&>)'.includes(c)) {
      if (c === '>' && /^\d$/.test(word)) inWord = false;
      break;
    }
    word += c;
    inWord = true;
  }
  flush();
  return words;
}
