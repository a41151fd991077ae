/**
 * The seed (../shared/seed/ckr-reference.seed.md, the original rust-hsm-cli reference) is the known-bad
 * input: every error it is known to have must be reported, at its line, and nothing else of that kind.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseReference } from '../../../src/reference/parse.ts';
import { validateReference } from '../../../src/reference/validate.ts';
import { CATEGORIES, categoryByHeading } from '../../../src/reference/categories.ts';
import { CONTENT, SPEC, checkCommandLine, lineOf, show } from './helpers.ts';

const REPO = resolve(fileURLToPath(new URL('../../../', import.meta.url)));
const SEED = fileURLToPath(new URL('../../../../shared/seed/ckr-reference.seed.md', import.meta.url));
const text = readFileSync(SEED, 'utf8');
const parsed = parseReference(text, SEED);
const diagnostics = validateReference(parsed, SPEC, { checkCommandLine });
const lineCount = text.split('\n').length;

describe('the seed file', () => {
  it('is ../shared/seed beside the repository', () => {
    expect(SEED).toBe(join(dirname(REPO), 'shared', 'seed', 'ckr-reference.seed.md'));
    expect(existsSync(SEED)).toBe(true);
    expect(text.length).toBeGreaterThan(10_000);
  });

  it('parses into 71 entries and 6 contexts', () => {
    expect(parsed.entries).toHaveLength(71);
    expect(parsed.contexts).toHaveLength(6);
    expect(parsed.contexts.map((c) => c.id)).toEqual(['sign', 'verify', 'encrypt', 'decrypt', 'login', 'wrap']);
    expect(parsed.title).toBe('PKCS#11 CKR Error Code Reference');
    // The entries really are what the file says, at their lines.
    for (const entry of parsed.entries) {
      expect(text.split('\n')[entry.line - 1], entry.name).toMatch(new RegExp(`^### ${entry.name} \\(`));
    }
  });

  it('gives every diagnostic a line inside the file, in line order, all errors', () => {
    expect(diagnostics.length).toBeGreaterThan(0);
    for (const d of diagnostics) {
      expect(d.file).toBe(SEED);
      expect(Number.isInteger(d.line) && d.line >= 1 && d.line <= lineCount, `${d.line}: ${d.message}`).toBe(true);
      expect(d.severity).toBe('error');
    }
    const lines = diagnostics.map((d) => d.line);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });

  it('reports exactly the three wrong values, at 642, 985 and 1329', () => {
    const valueErrors = diagnostics.filter((d) => /in the spec, not|but the decimal says/.test(d.message));
    expect(show(valueErrors)).toHaveLength(3);
    const [unextractable, soExists, sensitive] = valueErrors;
    expect(unextractable.line).toBe(642);
    expect(unextractable.message).toMatch(/^CKR_KEY_UNEXTRACTABLE is 0x0000006A \(106\) in the spec, not 0x00000117 \(279\)/);
    expect(soExists.line).toBe(985);
    expect(soExists.message).toMatch(/^CKR_SESSION_READ_WRITE_SO_EXISTS is 0x000000B8 \(184\) in the spec, not 0x000000B7 \(183\) \(that is CKR_SESSION_READ_ONLY_EXISTS\)/);
    expect(sensitive.line).toBe(1329);
    expect(sensitive.message).toMatch(/^CKR_INFORMATION_SENSITIVE is 0x00000170 \(368\) in the spec, not 0x00000180 \(384\) \(that is CKR_STATE_UNSAVEABLE\)/);
    // The lines are the headings of those entries.
    expect(lineOf(text, '### CKR_KEY_UNEXTRACTABLE ')).toBe(642);
    expect(lineOf(text, '### CKR_SESSION_READ_WRITE_SO_EXISTS ')).toBe(985);
    expect(lineOf(text, '### CKR_INFORMATION_SENSITIVE ')).toBe(1329);
  });

  it('lists every spec code the seed lacks, and only those', () => {
    const specNames = readFileSync(join(CONTENT, 'ckr-values.tsv'), 'utf8')
      .split('\n').slice(1).map((l) => l.split('\t')[0]).filter(Boolean);
    const seedNames = new Set(parsed.entries.map((e) => e.name));
    const expected = specNames.filter((n) => !seedNames.has(n)).sort();
    // Derived, then pinned: the seed has 71 entries, all of them spec names.
    expect(parsed.entries.every((e) => specNames.includes(e.name))).toBe(true);
    expect(expected).toHaveLength(specNames.length - seedNames.size);
    expect(expected).toHaveLength(34);
    const missing = diagnostics.filter((d) => d.message.startsWith('missing entry for '));
    const reported = missing.map((d) => /^missing entry for (CKR_[A-Z0-9_]+) /.exec(d.message)?.[1]);
    expect(reported.slice().sort()).toEqual(expected);
    expect(new Set(reported).size).toBe(reported.length);
    for (const name of ['CKR_CANT_LOCK', 'CKR_ACTION_PROHIBITED', 'CKR_AEAD_DECRYPT_FAILED', 'CKR_SESSION_READ_ONLY_EXISTS', 'CKR_PARAMETER_SET_NOT_SUPPORTED']) {
      expect(reported).toContain(name);
    }
    // Each names the value and the category heading to file it under.
    const cantLock = missing.find((d) => d.message.includes('CKR_CANT_LOCK '))!;
    expect(cantLock.message).toContain('(0xA, 10; since v2.01) under "## General Errors"');
    expect(cantLock.line).toBe(lineOf(text, '## General Errors'));
  });

  it('reports the "80+ error codes" claim on its line', () => {
    const claims = diagnostics.filter((d) => d.message.startsWith('the text claims'));
    expect(show(claims)).toEqual([`${lineOf(text, '80+ error codes')}: the text claims 80+ error codes, but the reference has 71 entries`]);
    expect(claims[0].line).toBe(1549);
  });

  it('reports each wrong category range of the Error Categories list on its line, and not the right ones', () => {
    const ranges = diagnostics.filter((d) => d.message.startsWith('the text gives '));
    const wrong = ['General Errors (0x01-0x09)', 'Device Errors (0x30-0x4F)', 'Function Errors (0x50-0x6F)', 'Key Errors (0x60-0x7F)',
      'Mechanism Errors (0x70-0x8F)', 'Object Errors (0x80-0x9F)', 'Session Errors (0xB0-0xCF)', 'Token Errors (0xE0-0xFF)',
      'User Errors (0x100-0x11F)'];
    expect(ranges.map((d) => d.line)).toEqual(wrong.map((w) => lineOf(text, `[${w}]`)));
    for (const [i, w] of wrong.entries()) {
      const heading = w.replace(/ \(.*/, '');
      const category = categoryByHeading(heading)!;
      expect(ranges[i].message).toContain(`the text gives ${heading} as `);
      expect(ranges[i].message).toContain(`the category is 0x${category.min.toString(16).toUpperCase()}–0x${category.max.toString(16).toUpperCase()}`);
    }
    // PIN, Attribute, Data and Wrapping are right in the seed and must not be reported.
    for (const right of ['PIN Errors (0xA0-0xAF)', 'Attribute Errors (0x10-0x1F)', 'Data Errors (0x20-0x2F)', 'Wrapping Errors (0x110-0x11F)']) {
      const at = lineOf(text, `[${right}]`);
      expect(diagnostics.filter((d) => d.line === at), right).toEqual([]);
    }
    expect(CATEGORIES.find((c) => c.heading === 'PIN Errors')).toMatchObject({ min: 0xa0, max: 0xaf });
  });

  it('reports the CKR_VENDOR_DEFINED heading at 1397', () => {
    const at = lineOf(text, '### CKR_VENDOR_DEFINED');
    expect(at).toBe(1397);
    const here = diagnostics.filter((d) => d.line === at);
    expect(here).toHaveLength(1);
    expect(here[0].message).toContain('"### CKR_VENDOR_DEFINED (0x80000000+)" is not in the format "### CKR_NAME (0xHHHHHHHH, DECIMAL)"');
    expect(here[0].message).toContain('no decimal value');
    // The entry is still read (by its name), so it is not also "missing".
    expect(parsed.entries.find((e) => e.name === 'CKR_VENDOR_DEFINED')).toMatchObject({ line: 1397, headingHex: 0x80000000, headingDecimal: undefined });
  });

  it('reports its misfiled entries and non-category headings', () => {
    const misfiled = diagnostics.filter((d) => d.message.includes(' belongs under '));
    expect(misfiled.map((d) => d.message.split(' ')[0])).toEqual([
      'CKR_ENCRYPTED_DATA_INVALID', 'CKR_ENCRYPTED_DATA_LEN_RANGE', 'CKR_OPERATION_ACTIVE', 'CKR_OPERATION_NOT_INITIALIZED',
    ]);
    const headings = diagnostics.filter((d) => d.message.includes('is not a category heading'));
    expect(headings.map((d) => d.line)).toEqual([lineOf(text, '## Signature/Encryption Errors'), lineOf(text, '## Buffer & Misc Errors')]);
  });

  it('fails `node scripts/validate.ts <seed>` with exit code 1 and file:line output', () => {
    const result = spawnSync(process.execPath, ['scripts/validate.ts', SEED], { cwd: REPO, encoding: 'utf8', timeout: 120_000 });
    expect(result.error).toBeUndefined();
    expect(result.status, result.stderr).toBe(1);
    const lines = result.stdout.split('\n');
    for (const at of [642, 985, 1329]) {
      expect(lines.filter((l) => l.includes(`:${at}: error: `)), `line ${at}`).toHaveLength(1);
    }
    expect(lines.find((l) => l.includes(':642: '))).toMatch(/ckr-reference\.seed\.md:642: error: CKR_KEY_UNEXTRACTABLE is 0x0000006A \(106\)/);
    expect(result.stdout).toContain(`: 71 entries, 6 contexts, ${diagnostics.length} errors, 0 warnings`);
  }, 120_000);
});
