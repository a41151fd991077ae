/** /codes.json: one record per code with the documented fields, URLs under the site and base. */
import { describe, expect, it } from 'vitest';
import { buildCodesJson, CODES_JSON_FIELDS, CODES_JSON_VERSION } from '../../../src/site/codes-json.ts';
import { categoryBySlug } from '../../../src/reference/categories.ts';
import { registry } from './fixture.ts';

describe('buildCodesJson', () => {
  const json = buildCodesJson(registry, 'https://ckr-ref.org', '/docs/');

  it('has every code with exactly the documented fields', () => {
    expect(json.version).toBe(CODES_JSON_VERSION);
    expect(json.codes).toHaveLength(registry.codes.length);
    const fields = CODES_JSON_FIELDS.codes.map(([name]) => name).sort();
    for (const code of json.codes) expect(Object.keys(code).sort(), code.name).toEqual(fields);
    const historicalFields = CODES_JSON_FIELDS.historical.map(([name]) => name);
    for (const h of json.historical) for (const key of Object.keys(h)) expect(historicalFields).toContain(key);
  });

  it('gives values, plain meanings, categories and URLs', () => {
    for (const [i, code] of json.codes.entries()) {
      const source = registry.codes[i];
      expect(code).toMatchObject({ name: source.name, value: source.value, hex: source.hex, hexShort: source.hexShort, decimal: source.value });
      expect(code.categoryLabel).toBe(categoryBySlug(source.category)!.label);
      expect(code.meaning).not.toMatch(/`|\*\*/);
      expect(code.url).toBe(`https://ckr-ref.org/docs/codes/${source.name.toLowerCase()}/`);
    }
    for (const h of json.historical) expect(h.hex).toMatch(/^0x[0-9A-F]{8}$/);
  });
});
