/** Short links /0xa0/, /160/, /ckr_pin_incorrect/: three per code, no two codes share a slug. */
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { shortLinks } from '../../../src/site/short-links.ts';
import { registry } from './fixture.ts';

const links = shortLinks(registry.codes);

describe('shortLinks', () => {
  it('gives three links per code: short lower-case hex, decimal, lower-case name', () => {
    expect(links).toHaveLength(3 * registry.codes.length);
    for (const code of registry.codes) {
      const mine = links.filter((l) => l.name === code.name).map((l) => l.slug);
      expect(mine, code.name).toEqual([code.hexShort.toLowerCase(), String(code.decimal), code.name.toLowerCase()]);
    }
    expect(links.filter((l) => l.name === 'CKR_PIN_INCORRECT').map((l) => l.slug)).toEqual(['0xa0', '160', 'ckr_pin_incorrect']);
    expect(links.filter((l) => l.name === 'CKR_OK').map((l) => l.slug)).toEqual(['0x0', '0', 'ckr_ok']);
  });

  it('never gives one slug to two codes, nor twice', () => {
    const slugs = links.map((l) => l.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
  });

  it('uses URL-safe slugs that do not shadow a top-level page', () => {
    const pages = fileURLToPath(new URL('../../../src/pages/', import.meta.url));
    const reserved = new Set(readdirSync(pages).filter((n) => !n.startsWith('[')).map((n) => n.replace(/\.(astro|ts|md)$/, '')));
    expect(reserved).toContain('lookup');
    for (const { slug } of links) {
      expect(slug).toMatch(/^[a-z0-9_]+$/);
      expect(reserved.has(slug), slug).toBe(false);
    }
  });
});
