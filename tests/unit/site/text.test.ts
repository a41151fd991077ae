/** plainText and oneLine: markdown fragments as plain text for tables, meta, codes.json and the CLI. */
import { describe, expect, it } from 'vitest';
import { oneLine, plainText } from '../../../src/site/text.ts';
import { registry } from './fixture.ts';

describe('plainText', () => {
  it('strips code spans, links, bold and emphasis', () => {
    expect(plainText('`C_Login` **fails** with _this_ and *that*')).toBe('C_Login fails with this and that');
    expect(plainText('see [the spec](https://docs.oasis-open.org/x) now')).toBe('see the spec now');
    expect(plainText('**`CKR_OK`**')).toBe('CKR_OK');
    expect(plainText('__strong__ text')).toBe('strong text');
  });

  it('keeps the underscores of code and function names', () => {
    expect(plainText('CKR_PIN_INCORRECT and CKR_USER_NOT_LOGGED_IN from C_Login')).toBe('CKR_PIN_INCORRECT and CKR_USER_NOT_LOGGED_IN from C_Login');
    expect(plainText('CKA_SIGN=true, CK_INVALID_HANDLE, x_y_z')).toBe('CKA_SIGN=true, CK_INVALID_HANDLE, x_y_z');
  });

  it('leaves what is not emphasis: spaced asterisks, intraword underscores, code spans, escapes', () => {
    expect(plainText('2 * 3 * 4 bytes')).toBe('2 * 3 * 4 bytes');
    expect(plainText('a * b and *c*')).toBe('a * b and c');
    expect(plainText('snake_case_name and _it_')).toBe('snake_case_name and it');
    expect(plainText('`*_kept_*` and `` a`b ``')).toBe('*_kept_* and a`b');
    expect(plainText('\\*not emphasis\\* and \\[x\\]')).toBe('*not emphasis* and [x]');
    expect(plainText('**a** * b **c**')).toBe('a * b c');
    expect(plainText('x ** y')).toBe('x ** y');
  });

  it('collapses whitespace and line breaks, and trims', () => {
    expect(plainText('  a\n\n  b\tc  ')).toBe('a b c');
    expect(plainText('')).toBe('');
  });

  it('turns every meaning of content/ into text without markup, keeping every code name it mentions', () => {
    for (const code of registry.codes) {
      const text = plainText(code.meaning);
      expect(text, code.name).not.toMatch(/`|\*\*|\]\(/);
      expect(text.length, code.name).toBeGreaterThan(0);
      for (const name of code.meaning.match(/\b(CKR|CKA|CKM|C)_[A-Za-z0-9_]+/g) ?? []) expect(text, code.name).toContain(name);
    }
  });
});

describe('oneLine', () => {
  it('keeps short text whole and cuts long text at a word with an ellipsis', () => {
    expect(oneLine('A **short** meaning.')).toBe('A short meaning.');
    const long = 'word '.repeat(60).trim();
    const cut = oneLine(long, 40);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.length).toBeLessThanOrEqual(41);
    expect(long.startsWith(cut.slice(0, -1))).toBe(true);
    expect(cut.slice(0, -1).endsWith('word')).toBe(true);
  });

  it('gives every meaning of content/ at most 161 characters', () => {
    for (const code of registry.codes) expect(oneLine(code.meaning).length, code.name).toBeLessThanOrEqual(161);
  });
});
