/**
 * The registry cache (node_modules/.cache/ckr-ref/registry.jsonl), so `hsm-cli` never parses the
 * markdown on its hot path. It is rebuilt from content/ whenever a source file changed (size or mtime).
 *
 * Layout, built for `explain-error`, which needs the small lookup index and then one code:
 *   line 1   header: { key, index: { codes: name/value/category/meaning, historical, contexts: id/title/
 *            functions }, records: byte ranges (after line 1) of each code, each context, the functions }
 *   line 2…  one JSON record per code, per context, and the function table.
 * `openRegistry()` parses the header only and each record when it is asked for; `loadRegistry()` reads
 * them all (the site, the checks). Only this repository's content/ is cached; another folder
 * (CKR_CONTENT_DIR) is built in memory each time, and so is ours when the cache cannot be written
 * (read-only install).
 *
 * Built-ins come through process.getBuiltinModule: an ESM `import ... from 'node:fs'` builds a namespace
 * that reads every export, and fs.promises alone loads readline and the streams (CLI start-up time).
 */
import type { CodeRecord, ContextRecord, HistoricalValue, Registry } from './types.ts';

const fs = process.getBuiltinModule('node:fs');
const { dirname, join } = process.getBuiltinModule('node:path');
const { fileURLToPath } = process.getBuiltinModule('node:url');

/** content/ beside src/ in this repository. */
export const CONTENT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'content');
/** The files a registry is built from, relative to CONTENT_DIR. */
export const SOURCE_FILES = ['ckr-reference.md', 'ckr-values.tsv', 'ckr-historical.tsv', 'ckr-functions.tsv'] as const;
/** The cache of CONTENT_DIR. */
export const CACHE_FILE = join(CONTENT_DIR, '..', 'node_modules', '.cache', 'ckr-ref', 'registry.jsonl');
const CACHE_VERSION = 2;

/** What the lookup needs of a code (src/lookup's LookupCode). */
export interface IndexCode {
  name: string;
  value: number;
  category: string;
  meaning: string;
}

export interface RegistryIndex {
  /** Every code, by value. */
  codes: IndexCode[];
  historical: HistoricalValue[];
  /** Every context: what a failed function needs to find its context, and --context checks. */
  contexts: Pick<ContextRecord, 'id' | 'title' | 'functions'>[];
}

/** A registry read on demand: the index at once, each record when asked for. */
export interface RegistryReader {
  readonly index: RegistryIndex;
  code(name: string): CodeRecord | undefined;
  context(id: string): ContextRecord | undefined;
  /** The whole registry. */
  registry(): Registry;
}

type Range = [start: number, length: number];
interface Header {
  key: string;
  index: RegistryIndex;
  records: { codes: Record<string, Range>; contexts: Record<string, Range>; functions: Range };
}

function stamp(contentDir: string): string {
  return SOURCE_FILES.map((f) => {
    const s = fs.statSync(join(contentDir, f));
    return `${f}:${s.size}:${Math.trunc(s.mtimeMs)}`;
  }).join('|');
}

export function indexOf(registry: Registry): RegistryIndex {
  return {
    codes: registry.codes.map(({ name, value, category, meaning }) => ({ name, value, category, meaning })),
    historical: registry.historical,
    contexts: registry.contexts.map(({ id, title, functions }) => ({ id, title, functions })),
  };
}

/** A reader over a registry already in memory. */
export function registryReader(registry: Registry): RegistryReader {
  let codes: Map<string, CodeRecord> | undefined;
  return {
    index: indexOf(registry),
    code: (name) => (codes ??= new Map(registry.codes.map((c) => [c.name, c]))).get(name),
    context: (id) => registry.contexts.find((c) => c.id === id),
    registry: () => registry,
  };
}

/** The cache file's bytes for a registry. */
export function serializeRegistry(key: string, registry: Registry): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  const put = (value: unknown): Range => {
    const bytes = Buffer.from(`${JSON.stringify(value)}\n`);
    parts.push(bytes);
    const range: Range = [offset, bytes.length - 1];
    offset += bytes.length;
    return range;
  };
  const codes: Record<string, Range> = {};
  for (const code of registry.codes) codes[code.name] = put(code);
  const contexts: Record<string, Range> = {};
  for (const context of registry.contexts) contexts[context.id] = put(context);
  const functions = put(registry.functions);
  const header: Header = { key, index: indexOf(registry), records: { codes, contexts, functions } };
  return Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), ...parts]);
}

/** A reader over cache bytes, or undefined when they are not a cache for `key`. */
export function readerOfCache(bytes: Buffer, key: string): RegistryReader | undefined {
  const newline = bytes.indexOf(10);
  if (newline < 0) return undefined;
  // The key is the header's first field: compare it before parsing the rest.
  const prefix = `{"key":${JSON.stringify(key)},`;
  if (bytes.toString('utf8', 0, Math.min(prefix.length, newline)) !== prefix) return undefined;
  const header = JSON.parse(bytes.toString('utf8', 0, newline)) as Header;
  const base = newline + 1;
  const record = <T>([start, length]: Range): T => JSON.parse(bytes.toString('utf8', base + start, base + start + length)) as T;
  const codes = new Map<string, CodeRecord>();
  const contexts = new Map<string, ContextRecord>();
  // Names come from input (explain-error CONSTRUCTOR): only own keys of the parsed ranges count.
  const rangeOf = (ranges: Record<string, Range>, name: string) => (Object.hasOwn(ranges, name) ? ranges[name] : undefined);
  const code = (name: string) => {
    let found = codes.get(name);
    const range = found ? undefined : rangeOf(header.records.codes, name);
    if (range) codes.set(name, (found = record<CodeRecord>(range)));
    return found;
  };
  const context = (id: string) => {
    let found = contexts.get(id);
    const range = found ? undefined : rangeOf(header.records.contexts, id);
    if (range) contexts.set(id, (found = record<ContextRecord>(range)));
    return found;
  };
  let whole: Registry | undefined;
  return {
    index: header.index,
    code,
    context,
    registry: () =>
      (whole ??= {
        codes: header.index.codes.map((c) => code(c.name)!),
        contexts: header.index.contexts.map((c) => context(c.id)!),
        historical: header.index.historical,
        functions: record<Record<string, string[]>>(header.records.functions),
      }),
  };
}

/** Builds the registry from a content folder: the parser is loaded only here. */
function build(contentDir: string): Registry {
  // require(esm) keeps this synchronous.
  const require = process.getBuiltinModule('node:module').createRequire(import.meta.url);
  const { loadReference } = require('./load.ts') as typeof import('./load.ts');
  return loadReference({ contentDir }).registry;
}

/**
 * The registry of a content folder, read on demand: from the cache when it is fresh (this repository's
 * content/ only), else built and, when the cache can be written, cached. Synchronous, so a CLI command
 * can use it without ceremony.
 */
export function openRegistry(contentDir: string = CONTENT_DIR): RegistryReader {
  if (contentDir !== CONTENT_DIR) return registryReader(build(contentDir));
  const key = `${CACHE_VERSION}|${stamp(contentDir)}`;
  try {
    const reader = readerOfCache(fs.readFileSync(CACHE_FILE), key);
    if (reader) return reader;
  } catch {
    // no cache yet, or unreadable: rebuild
  }
  const registry = build(contentDir);
  const temp = `${CACHE_FILE}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(dirname(CACHE_FILE), { recursive: true });
    fs.writeFileSync(temp, serializeRegistry(key, registry));
    // Atomic: a reader sees the old file or the new one, never half of one.
    fs.renameSync(temp, CACHE_FILE);
  } catch {
    // read-only install: fine, we just rebuild next time
    try {
      fs.rmSync(temp, { force: true });
    } catch {
      // nothing was written
    }
  }
  return registryReader(registry);
}

/** The whole registry of a content folder (cached as openRegistry says). */
export function loadRegistry(contentDir: string = CONTENT_DIR): Registry {
  return openRegistry(contentDir).registry();
}
