/**
 * The registry: spec tables joined with the reference text. One object feeds the site's collections,
 * codes.json, the lookup index and the CLI.
 *
 * buildRegistry is pure. loadRegistry (for the CLI) reads a JSON cache under node_modules/.cache and
 * rebuilds it from content/ only when a source file changed, so `hsm-cli explain-error` never loads
 * the markdown parser on the hot path.
 */
import { readFileSync, statSync, mkdirSync, writeFileSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
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

/** content/ beside src/ in this repository. */
export const CONTENT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'content');
/** The files a registry is built from, relative to CONTENT_DIR. */
export const SOURCE_FILES = ['ckr-reference.md', 'ckr-values.tsv', 'ckr-historical.tsv', 'ckr-functions.tsv'] as const;
const CACHE_FILE = join(CONTENT_DIR, '..', 'node_modules', '.cache', 'ckr-ref', 'registry.json');
const CACHE_VERSION = 1;

function stamp(contentDir: string): string {
  return SOURCE_FILES.map((f) => {
    const s = statSync(join(contentDir, f));
    return `${f}:${s.size}:${Math.trunc(s.mtimeMs)}`;
  }).join('|');
}

/**
 * The registry of this repository's content/, from the cache when it is fresh. Synchronous, so a CLI
 * command can use it without ceremony; the slow path (parse the markdown) runs once per change.
 */
export function loadRegistry(contentDir: string = CONTENT_DIR): Registry {
  // Only this repository's content/ is cached (other folders are the benchmark's, read once).
  const cacheFile = contentDir === CONTENT_DIR ? CACHE_FILE : undefined;
  const key = `${CACHE_VERSION}|${stamp(contentDir)}`;
  if (cacheFile) {
    try {
      const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as { key: string; registry: Registry };
      if (cached.key === key) return cached.registry;
    } catch {
      // no cache yet, or unreadable: rebuild
    }
  }
  // require(esm) keeps this function synchronous; the parser is loaded only here.
  const require = createRequire(import.meta.url);
  const { loadReference } = require('./load.ts') as typeof import('./load.ts');
  const { registry } = loadReference({ contentDir });
  if (!cacheFile) return registry;
  try {
    mkdirSync(dirname(cacheFile), { recursive: true });
    const temp = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify({ key, registry }));
    renameSync(temp, cacheFile);
  } catch {
    // read-only install: fine, we just rebuild next time
  }
  return registry;
}
