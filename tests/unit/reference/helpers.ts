/**
 * Shared fixtures for the reference tests: the real spec tables of content/, and small markdown
 * references built line by line so each test states exactly what it feeds the parser.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseReference } from '../../../src/reference/parse.ts';
import { validateReference, type ValidateOptions } from '../../../src/reference/validate.ts';
import { loadSpecTables } from '../../../src/reference/load.ts';
import { hexPadded } from '../../../src/reference/values.ts';
import type { Diagnostic, ParsedReference } from '../../../src/reference/types.ts';

export const CONTENT = fileURLToPath(new URL('../../../content/', import.meta.url));
export const SPEC = loadSpecTables(CONTENT);
export const VALUE_OF = new Map(SPEC.values.map((v) => [v.name, v.value]));

export const FILE = 'fixture.md';

/** `### NAME (0xHHHHHHHH, dec)` with the spec value of NAME (or `value` when given). */
export function heading(name: string, value = VALUE_OF.get(name)): string {
  if (value === undefined) throw new Error(`no value for ${name}`);
  return `### ${name} (${hexPadded(value)}, ${value})`;
}

/** A complete, valid entry body (no heading), as lines. */
export function entryBody(name: string): string[] {
  return [
    `**Meaning**: What the token says (${name.length} characters of name).`,
    '',
    '**Common Causes**:',
    '- a cause',
    '',
    '**Solutions**:',
    '- a step',
    '',
    '---',
  ];
}

/** A complete, valid entry (heading and body), as lines. */
export function entry(name: string): string[] {
  return [heading(name), ...entryBody(name), ''];
}

/** The login context block, as lines. */
export function loginContext(functions = 'C_Login, C_Logout'): string[] {
  return [
    '### Login Operations',
    '**Context**: login',
    '',
    `**Functions**: ${functions}`,
    '',
    '**About**: Logging in.',
    '',
    '**Troubleshooting Steps:**',
    '- → Check the PIN',
    '',
  ];
}

/** A whole reference: title, the given sections (heading -> lines), then the contexts section. */
export function reference(sections: Record<string, string[]>, contexts: string[] = loginContext()): string {
  const lines = ['# Test Reference', ''];
  for (const [title, body] of Object.entries(sections)) lines.push(`## ${title}`, '', ...body);
  lines.push('## Context-Specific Troubleshooting', '', ...contexts);
  return lines.join('\n') + '\n';
}

/** A small valid reference: two PIN codes and a login context. */
export function validReference(): string {
  return reference({ 'PIN Errors': [...entry('CKR_PIN_INCORRECT'), ...entry('CKR_PIN_INVALID')] });
}

/** 1-based line of the first line of `text` that contains `needle` (throws when absent). */
export function lineOf(text: string, needle: string, from = 1): number {
  const lines = text.split('\n');
  for (let i = from - 1; i < lines.length; i++) if (lines[i].includes(needle)) return i + 1;
  throw new Error(`"${needle}" not in fixture`);
}

export interface Run {
  parsed: ParsedReference;
  /** Every diagnostic. */
  all: Diagnostic[];
  /** Diagnostics other than "missing entry for" (a small fixture misses most spec codes). */
  problems: Diagnostic[];
}

export function run(markdown: string, options: ValidateOptions = {}): Run {
  const parsed = parseReference(markdown, FILE);
  const all = validateReference(parsed, SPEC, options);
  return { parsed, all, problems: all.filter((d) => !d.message.startsWith('missing entry for ')) };
}

/** `line: message` for readable failures. */
export const show = (ds: readonly Diagnostic[]): string[] => ds.map((d) => `${d.line}: ${d.message}`);

/**
 * The CLI's own checkCommandLine when src/cli/commands/index.ts exists (it does in this repository),
 * else a small fake that knows a few commands and options and words its problems the same way.
 */
const REAL_CHECKER = fileURLToPath(new URL('../../../src/cli/commands/index.ts', import.meta.url));
const FAKE_COMMANDS: Record<string, string[]> = {
  'explain-error': ['--context', '--json'],
  info: ['--module'],
  'list-slots': ['--module'],
  'list-objects': ['--label', '--detailed'],
  'list-mechanisms': ['--label', '--detailed'],
  'init-token': ['--label', '--so-pin'],
  sign: ['--label', '--key-label', '--input', '--output', '--mechanism'],
};
function fakeCheckCommandLine(line: string): string[] {
  const [, name, ...rest] = line.slice(line.indexOf('hsm-cli')).trim().split(/\s+/);
  if (name === undefined) return [];
  const options = FAKE_COMMANDS[name];
  if (!options) return [`unknown command "${name}"`];
  return rest.filter((w) => w.startsWith('--') && !options.includes(w)).map((w) => `unknown option ${w} for ${name}`);
}
export const CHECKER_KIND: 'real' | 'fake' = existsSync(REAL_CHECKER) ? 'real' : 'fake';
export const checkCommandLine: (line: string) => string[] =
  CHECKER_KIND === 'real'
    ? ((await import('../../../src/cli/commands/index.ts')) as { checkCommandLine: (line: string) => string[] }).checkCommandLine
    : fakeCheckCommandLine;
