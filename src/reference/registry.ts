/**
 * The registry: spec tables joined with the reference text. One object feeds the site's collections,
 * codes.json, the lookup index and the CLI.
 *
 * buildRegistry is pure. loadRegistry/openRegistry (cache.ts, re-exported here) read a cache under
 * node_modules/.cache and rebuild it from content/ only when a source file changed, so
 * `hsm-cli explain-error` never loads the markdown parser on the hot path.
 */
import type { CodeRecord, ContextRecord, ParsedReference, Registry } from './types.ts';
import type { SpecTables } from './validate.ts';
import { categoryOfValue } from './categories.ts';
import { hexPadded, hexShort } from './values.ts';
import { rulesForCode } from './function-rules.ts';

export function buildRegistry(parsed: ParsedReference, spec: SpecTables): Registry {
  const entries = new Map(parsed.entries.map((e) => [e.name, e]));
  const returnedBy = new Map<string, string[]>();
  for (const [fn, codes] of Object.entries(spec.functions)) {
    for (const code of codes) {
      const list = returnedBy.get(code) ?? [];
      list.push(fn);
      returnedBy.set(code, list);
    }
  }
  const codes: CodeRecord[] = [...spec.values]
    .sort((a, b) => a.value - b.value)
    .map((value) => {
      const entry = entries.get(value.name);
      return {
        name: value.name,
        value: value.value,
        hex: hexPadded(value.value),
        hexShort: hexShort(value.value),
        decimal: value.value,
        category: categoryOfValue(value.value)?.slug ?? 'unassigned',
        introduced: value.introduced,
        inPkcs11js: value.inPkcs11js,
        meaning: entry?.meaning ?? '',
        details: entry?.details ?? [],
        causes: entry?.causes ?? [],
        solutions: entry?.solutions ?? [],
        ...(entry?.noTroubleshooting ? { noTroubleshooting: entry.noTroubleshooting } : {}),
        ...(entry?.seenOnSoftHsm ? { seenOnSoftHsm: entry.seenOnSoftHsm } : {}),
        contexts: entry?.contexts ?? [],
        related: entry?.related ?? [],
        returnedBy: returnedBy.get(value.name) ?? [],
        rules: rulesForCode(value.name),
        line: entry?.line ?? 0,
      };
    });
  const contexts: ContextRecord[] = parsed.contexts
    .filter((c) => c.id)
    .map(({ id, title, functions, about, example, steps, workedExample, line }) => ({
      id, title, functions, about, ...(example ? { example } : {}), steps, workedExample, line,
    }));
  return {
    codes,
    contexts,
    historical: [...spec.historical],
    functions: Object.fromEntries(Object.entries(spec.functions).map(([k, v]) => [k, [...v]])),
  };
}

// The JSON cache for the CLI lives in cache.ts (light imports: the CLI never loads this file's builders).
export { CONTENT_DIR, SOURCE_FILES, loadRegistry, openRegistry } from './cache.ts';
