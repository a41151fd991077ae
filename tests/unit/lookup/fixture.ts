/** The lookup index built from the real spec tables (meanings are the names: the tests need none). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseHistoricalValues, parseSpecValues } from '../../../src/reference/values.ts';
import { createLookup, type LookupIndex } from '../../../src/lookup/lookup.ts';

const read = (file: string): string => readFileSync(fileURLToPath(new URL(`../../../content/${file}`, import.meta.url)), 'utf8');

const spec = parseSpecValues(read('ckr-values.tsv'));
const historical = parseHistoricalValues(read('ckr-historical.tsv'), new Set(spec.map((s) => s.name)));

export const index: LookupIndex = {
  codes: spec.map((s) => ({ name: s.name, value: s.value, meaning: s.name })),
  historical,
};

/** The lookup used by the tests: `rethrow` makes any internal error fail the test instead of hiding it. */
export const lookup = createLookup(index, { rethrow: true });

export const specNames = spec.map((s) => s.name);
