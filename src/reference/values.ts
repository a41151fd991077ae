/**
 * Readers of the spec tables in content/ (see content/SOURCES.md). Pure: they take the file text, so
 * the site, the CLI and the tests can each read the files their own way.
 */
import type { HistoricalValue, SpecValue } from './types.ts';

/** Parse a TSV with a header row into records keyed by column name. Blank lines are skipped. */
function parseTsv(text: string): Record<string, string>[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  const [header, ...rows] = lines;
  if (header === undefined) return [];
  const columns = header.split('\t');
  return rows.map((row) => {
    const cells = row.split('\t');
    return Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? '']));
  });
}

function parseValue(hex: string, decimal: string, where: string): number {
  const fromHex = Number.parseInt(hex, 16);
  const fromDecimal = Number(decimal);
  if (!/^0x[0-9A-Fa-f]{1,8}$/.test(hex) || !Number.isInteger(fromDecimal) || fromHex !== fromDecimal) {
    throw new Error(`${where}: hex ${hex} and decimal ${decimal} disagree or are malformed`);
  }
  return fromHex;
}

/** content/ckr-values.tsv: name, hex, decimal, introduced, deprecated_or_alias_note, in_pkcs11js. */
export function parseSpecValues(text: string, file = 'ckr-values.tsv'): SpecValue[] {
  return parseTsv(text).map((row, i) => ({
    name: row.name,
    value: parseValue(row.hex, row.decimal, `${file}:${i + 2}`),
    introduced: row.introduced,
    note: row.deprecated_or_alias_note ?? '',
    inPkcs11js: row.in_pkcs11js === 'yes',
  }));
}

/** content/ckr-historical.tsv: name, hex, decimal, status, note. */
export function parseHistoricalValues(text: string, specNames: ReadonlySet<string>, file = 'ckr-historical.tsv'): HistoricalValue[] {
  return parseTsv(text).map((row, i) => {
    const status = row.status as HistoricalValue['status'];
    if (!['removed', 'draft-only', 'wrong-value'].includes(status)) {
      throw new Error(`${file}:${i + 2}: unknown status "${row.status}"`);
    }
    // A wrong value's spec code has the same name; the draft CKR_COPY_PROHIBITED became CKR_ACTION_PROHIBITED.
    const named = (row.note.match(/CKR_[A-Z0-9_]+/g) ?? []).find((n) => specNames.has(n));
    const seeAlso = specNames.has(row.name) ? row.name : named;
    return {
      name: row.name,
      value: parseValue(row.hex, row.decimal, `${file}:${i + 2}`),
      status,
      note: row.note,
      ...(seeAlso ? { seeAlso } : {}),
    };
  });
}

/** content/ckr-functions.tsv: function, return_codes (comma separated). */
export function parseFunctionTable(text: string): Record<string, string[]> {
  return Object.fromEntries(
    parseTsv(text).map((row) => [row.function, row.return_codes.split(',').map((c) => c.trim()).filter(Boolean)]),
  );
}

/** `0x000000A0` */
export const hexPadded = (value: number): string => `0x${value.toString(16).toUpperCase().padStart(8, '0')}`;
/** `0xA0` */
export const hexShort = (value: number): string => `0x${value.toString(16).toUpperCase()}`;
