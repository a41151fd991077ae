/**
 * Helpers the command files share: files in and out, tables, token and object summaries, key usages,
 * confirmation of destructive steps. No pkcs11js here (types only).
 */
import type { RunContext } from '../definition.ts';
import { unpadded, type Token, type TokenInfo } from '../token.ts';
import type { AttributeValue } from '../attributes.ts';
import { showAttribute } from '../attributes.ts';
import { CliError } from '../errors.ts';
import { KEY_USAGES, type KeyUsage } from './options.ts';

// Built-ins via process.getBuiltinModule, not `import from 'node:...'` (start-up time: see main.ts).
const { existsSync, readFileSync, writeFileSync } = process.getBuiltinModule('node:fs');

/** Fails (exit 3) on the first missing file: call before opening the token, so nothing half-happens. */
export function checkInputs(paths: readonly string[]): void {
  for (const path of paths) if (!existsSync(path)) throw new CliError('ENVIRONMENT', `input file not found: ${path}`);
}

export function readInput(path: string): Buffer {
  checkInputs([path]);
  return readFileSync(path);
}

export function writeOutput(path: string, data: Uint8Array): void {
  try {
    writeFileSync(path, data);
  } catch (e) {
    throw new CliError('ENVIRONMENT', `cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** Columns padded to their widest cell. */
export function table(rows: readonly (readonly string[])[], indent = '  '): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => indent + row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ')).join('\n');
}

const TOKEN_FLAGS = [
  'CKF_TOKEN_INITIALIZED', 'CKF_USER_PIN_INITIALIZED', 'CKF_LOGIN_REQUIRED', 'CKF_RNG', 'CKF_WRITE_PROTECTED',
  'CKF_USER_PIN_COUNT_LOW', 'CKF_USER_PIN_FINAL_TRY', 'CKF_USER_PIN_LOCKED', 'CKF_USER_PIN_TO_BE_CHANGED',
  'CKF_SO_PIN_COUNT_LOW', 'CKF_SO_PIN_FINAL_TRY', 'CKF_SO_PIN_LOCKED', 'CKF_SO_PIN_TO_BE_CHANGED',
] as const;

export interface TokenView {
  label: string;
  manufacturer: string;
  model: string;
  serial: string;
  flags: string[];
  initialized: boolean;
  userPinInitialized: boolean;
  userPinCountLow: boolean;
  userPinFinalTry: boolean;
  userPinLocked: boolean;
  soPinLocked: boolean;
  minPinLength: number;
  maxPinLength: number;
}

export function tokenView(t: Token, info: TokenInfo): TokenView {
  const flags = t.flags(info.flags, TOKEN_FLAGS);
  const has = (flag: (typeof TOKEN_FLAGS)[number]) => flags.includes(flag);
  return {
    label: unpadded(info.label),
    manufacturer: unpadded(info.manufacturerID),
    model: unpadded(info.model),
    serial: unpadded(info.serialNumber),
    flags,
    initialized: has('CKF_TOKEN_INITIALIZED'),
    userPinInitialized: has('CKF_USER_PIN_INITIALIZED'),
    userPinCountLow: has('CKF_USER_PIN_COUNT_LOW'),
    userPinFinalTry: has('CKF_USER_PIN_FINAL_TRY'),
    userPinLocked: has('CKF_USER_PIN_LOCKED'),
    soPinLocked: has('CKF_SO_PIN_LOCKED'),
    minPinLength: info.minPinLen,
    maxPinLength: info.maxPinLen,
  };
}

/** A key or object label no object on the token uses yet (key commands refuse to make duplicates). */
export function ensureLabelFree(t: Token, label: string): void {
  if (t.find([{ type: t.C.CKA_LABEL, value: label }]).length > 0) {
    throw new CliError(
      'ENVIRONMENT',
      `an object labelled "${label}" already exists on token "${t.label}"`,
      `choose another --key-label, or delete it: hsm-cli delete-key --label ${t.label} --key-label ${label}`,
    );
  }
}

/** --usage values (repeated or comma-separated), checked against what the key type supports. */
export function keyUsages(ctx: RunContext, supported: readonly KeyUsage[], defaults: readonly KeyUsage[]): Set<KeyUsage> {
  const given = ctx.options.usage as string[] | undefined;
  if (!given) return new Set(defaults);
  const usages = given.flatMap((u) => u.split(',')).map((u) => u.trim().toLowerCase()).filter(Boolean);
  for (const usage of usages) {
    if (!(KEY_USAGES as readonly string[]).includes(usage) || !supported.includes(usage as KeyUsage)) {
      throw new CliError('USAGE', `--usage ${usage} is not one of ${supported.join(', ')} for this key type`);
    }
  }
  return new Set(usages as KeyUsage[]);
}

/**
 * Asks on a terminal; without one, only --yes lets a destructive command go on. `details` (what would be
 * destroyed) goes to stderr first, unless --yes was given.
 */
export async function confirmDestructive(ctx: RunContext, action: string, question: string, details = ''): Promise<void> {
  if (ctx.options.yes) return;
  ctx.io.stderr.write(details);
  if (!ctx.io.stdin.isTTY) {
    throw new CliError('DECLINED', `refusing to ${action} without --yes: stdin is not a terminal, so nobody can confirm`, 'add --yes');
  }
  const { confirm } = await import('../terminal.ts');
  if (!(await confirm(ctx.io, question))) throw new CliError('DECLINED', `declined: did not ${action}`);
}

/** `CKO_PRIVATE_KEY CKK_RSA "label" id=01ab` for an object's summary attributes. */
export function objectLine(attributes: Record<string, AttributeValue>): string {
  const { CKA_CLASS, CKA_KEY_TYPE, CKA_LABEL, CKA_ID, ...rest } = attributes;
  const extra = Object.entries(rest).map(([name, value]) => `${name.replace(/^CKA_/, '').toLowerCase()}=${showAttribute(value)}`);
  return [CKA_CLASS, CKA_KEY_TYPE ?? '', `"${CKA_LABEL ?? ''}"`, CKA_ID ? `id=${CKA_ID}` : '', ...extra].filter((s) => s !== '').join('  ');
}

export function attributeLines(attributes: Record<string, AttributeValue>, indent = '  '): string {
  return table(Object.entries(attributes).map(([name, value]) => [name, showAttribute(value)]), indent);
}
