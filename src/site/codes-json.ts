/**
 * The shape of /codes.json, built from the registry. The lookup box loads it, tools can too. The
 * field list here is the documented schema (rendered on /codes-json/ from CODES_JSON_FIELDS).
 */
import type { CodeRecord, HistoricalValue } from '../reference/types.ts';
import { categoryBySlug } from '../reference/categories.ts';
import { codePath, withBase } from '../urls.ts';
import { plainText } from './text.ts';
import { hexPadded } from '../reference/values.ts';

export const CODES_JSON_VERSION = 1;

export const CODES_JSON_FIELDS = {
  codes: [
    ['name', 'string', 'Code name, e.g. CKR_PIN_INCORRECT'],
    ['value', 'number', 'Numeric value, 0 to 4294967295'],
    ['hex', 'string', 'Value as 0x followed by 8 upper-case hex digits'],
    ['hexShort', 'string', 'Value as short hex, e.g. 0xA0'],
    ['decimal', 'number', 'Same as value (kept for readers who search for "decimal")'],
    ['category', 'string', 'Category slug, see /categories/<slug>/'],
    ['categoryLabel', 'string', 'Category name'],
    ['introduced', 'string', 'PKCS#11 version that introduced the code, e.g. 2.40'],
    ['meaning', 'string', 'One-sentence meaning, plain text'],
    ['returnedBy', 'string[]', 'Functions whose spec return-value list names the code'],
    ['url', 'string', 'Absolute URL of the code page'],
  ],
  historical: [
    ['name', 'string', 'Name the value had (or has in a non-conforming header)'],
    ['value', 'number', 'Numeric value'],
    ['hex', 'string', '0x + 8 hex digits'],
    ['status', '"removed" | "draft-only" | "wrong-value"', 'Why it is not a spec code'],
    ['note', 'string', 'Where it comes from'],
    ['seeAlso', 'string?', 'The spec code to use instead, when there is one'],
  ],
} as const;

export interface CodesJson {
  version: number;
  source: string;
  codes: {
    name: string; value: number; hex: string; hexShort: string; decimal: number; category: string;
    categoryLabel: string; introduced: string; meaning: string; returnedBy: string[]; url: string;
  }[];
  historical: { name: string; value: number; hex: string; status: string; note: string; seeAlso?: string }[];
}

export function buildCodesJson(
  registry: { codes: readonly CodeRecord[]; historical: readonly HistoricalValue[] },
  siteUrl: string,
  base: string,
): CodesJson {
  return {
    version: CODES_JSON_VERSION,
    source: 'OASIS PKCS#11 2.40–3.2 headers and specification; text by ckr.ref',
    codes: registry.codes.map((c) => ({
      name: c.name,
      value: c.value,
      hex: c.hex,
      hexShort: c.hexShort,
      decimal: c.decimal,
      category: c.category,
      categoryLabel: categoryBySlug(c.category)?.label ?? 'unassigned',
      introduced: c.introduced,
      meaning: plainText(c.meaning),
      returnedBy: c.returnedBy,
      url: new URL(withBase(base, codePath(c.name)), siteUrl).href,
    })),
    historical: registry.historical.map((h) => ({
      name: h.name,
      value: h.value,
      hex: hexPadded(h.value),
      status: h.status,
      note: h.note,
      ...(h.seeAlso ? { seeAlso: h.seeAlso } : {}),
    })),
  };
}
