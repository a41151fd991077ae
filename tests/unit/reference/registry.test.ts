/**
 * The registry built from this repository's content/: spec facts joined with the reference, checked
 * against the TSV files read independently here; and loadRegistry's cache.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, utimesSync, type BigIntStats } from 'node:fs';
import { join } from 'node:path';
import { buildRegistry, loadRegistry, openRegistry, CONTENT_DIR, SOURCE_FILES } from '../../../src/reference/registry.ts';
import { CACHE_FILE, readerOfCache, serializeRegistry } from '../../../src/reference/cache.ts';
import { loadReference } from '../../../src/reference/load.ts';
import { CATEGORIES, categoryBySlug, categoryOfValue } from '../../../src/reference/categories.ts';
import { FUNCTION_RULES, SPEC_CONTRADICTIONS, rulesForCode } from '../../../src/reference/function-rules.ts';
import { CONTENT, SPEC, checkCommandLine, show } from './helpers.ts';

/** A TSV file as rows of cells, header first (read here without src/reference/values.ts). */
const tsv = (file: string) =>
  readFileSync(join(CONTENT, file), 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => l.split('\t'));

const valuesTsv = tsv('ckr-values.tsv');
const VALUE_COLUMNS = valuesTsv[0];
const VALUE_ROWS = valuesTsv.slice(1).map((cells) => Object.fromEntries(VALUE_COLUMNS.map((c, i) => [c, cells[i]])));
const FUNCTION_ROWS = tsv('ckr-functions.tsv').slice(1).map(([fn, codes]) => [fn, codes.split(',').map((c) => c.trim()).filter(Boolean)] as const);
const BY_CODE = new Map(tsv('ckr-by-code.tsv').slice(1).map(([code, fns]) => [code, fns.split(',').filter(Boolean)]));

const loaded = loadReference({ contentDir: CONTENT, checkCommandLine });
const registry = buildRegistry(loaded.parsed, loaded.spec);

describe('content/ itself', () => {
  it('is the directory the registry reads, and is valid', () => {
    expect(CONTENT_DIR.replace(/\/$/, '')).toBe(CONTENT.replace(/\/$/, ''));
    expect(show(loaded.diagnostics)).toEqual([]);
    expect(loaded.parsed.entries).toHaveLength(VALUE_ROWS.length);
  });
});

describe('buildRegistry from content/', () => {
  it('has the 105 spec codes, sorted by value, each once', () => {
    expect(VALUE_ROWS).toHaveLength(105);
    expect(registry.codes).toHaveLength(105);
    const values = registry.codes.map((c) => c.value);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(new Set(values).size).toBe(105);
    expect(registry.codes.map((c) => c.name).sort()).toEqual(VALUE_ROWS.map((r) => r.name).sort());
    expect(registry.codes[0].name).toBe('CKR_OK');
    expect(registry.codes.at(-1)!.name).toBe('CKR_VENDOR_DEFINED');
  });

  it('gives every code the hex, short hex and decimal of ckr-values.tsv', () => {
    const byName = new Map(registry.codes.map((c) => [c.name, c]));
    for (const row of VALUE_ROWS) {
      const code = byName.get(row.name)!;
      expect(code.hex, row.name).toBe(row.hex);
      expect(code.hex).toMatch(/^0x[0-9A-F]{8}$/);
      expect(code.decimal, row.name).toBe(Number(row.decimal));
      expect(code.value).toBe(Number(row.decimal));
      expect(Number.parseInt(code.hex, 16)).toBe(code.value);
      expect(code.hexShort).toMatch(/^0x(0|[1-9A-F][0-9A-F]*)$/);
      expect(Number.parseInt(code.hexShort, 16)).toBe(code.value);
      expect(code.introduced).toBe(row.introduced);
      expect(code.inPkcs11js).toBe(row.in_pkcs11js === 'yes');
    }
    expect(byName.get('CKR_PIN_INCORRECT')).toMatchObject({ hex: '0x000000A0', hexShort: '0xA0', decimal: 160 });
    expect(byName.get('CKR_VENDOR_DEFINED')).toMatchObject({ hex: '0x80000000', hexShort: '0x80000000', decimal: 2147483648 });
    expect(byName.get('CKR_OK')).toMatchObject({ hex: '0x00000000', hexShort: '0x0', decimal: 0 });
  });

  it('files every code in the category of its value', () => {
    for (const code of registry.codes) {
      const category = categoryOfValue(code.value);
      expect(category, code.name).toBeDefined();
      expect(code.category, code.name).toBe(category!.slug);
      expect(categoryBySlug(code.category)).toBe(category);
    }
  });

  it('carries the reference text and the entry line of every code', () => {
    const lines = readFileSync(join(CONTENT, 'ckr-reference.md'), 'utf8').split('\n');
    for (const code of registry.codes) {
      expect(code.meaning, code.name).not.toBe('');
      expect(lines[code.line - 1], code.name).toBe(`### ${code.name} (${code.hex}, ${code.decimal})`);
      if (!code.noTroubleshooting) {
        expect(code.causes.length, code.name).toBeGreaterThan(0);
        expect(code.solutions.length, code.name).toBeGreaterThan(0);
      }
    }
    expect(registry.codes.find((c) => c.name === 'CKR_OK')!.noTroubleshooting).toBeTruthy();
  });

  it('gives returnedBy as the inverse of ckr-functions.tsv, the same as ckr-by-code.tsv', () => {
    const inverse = new Map<string, string[]>();
    for (const [fn, codes] of FUNCTION_ROWS) for (const code of codes) inverse.set(code, [...(inverse.get(code) ?? []), fn]);
    for (const code of registry.codes) {
      expect(code.returnedBy, code.name).toEqual(inverse.get(code.name) ?? []);
      expect(code.returnedBy, code.name).toEqual(BY_CODE.get(code.name) ?? []);
    }
    // Every code ckr-by-code.tsv names is a spec code; the codes no list names are few and known.
    for (const code of BY_CODE.keys()) expect(SPEC.values.some((v) => v.name === code), code).toBe(true);
    const unlisted = registry.codes.filter((c) => c.returnedBy.length === 0).map((c) => c.name);
    expect(unlisted).toContain('CKR_OPERATION_NOT_VALIDATED');
    expect(unlisted).toContain('CKR_TOKEN_NOT_INITIALIZED');
    expect(unlisted).toHaveLength(registry.codes.length - BY_CODE.size);
    expect(registry.functions).toEqual(Object.fromEntries(FUNCTION_ROWS.map(([fn, codes]) => [fn, [...codes]])));
  });

  it('gives the function rules of each code', () => {
    const byName = new Map(registry.codes.map((c) => [c.name, c]));
    expect(byName.get('CKR_GENERAL_ERROR')!.rules).toContain('universal');
    expect(byName.get('CKR_SESSION_HANDLE_INVALID')!.rules).toEqual(['session']);
    expect(byName.get('CKR_DEVICE_REMOVED')!.rules).toEqual(['session', 'token']);
    expect(byName.get('CKR_PIN_INCORRECT')!.rules).toEqual([]);
    for (const code of registry.codes) expect(code.rules, code.name).toEqual(rulesForCode(code.name));
    // The rules and contradictions only name spec codes and functions.
    const names = new Set(registry.codes.map((c) => c.name));
    for (const rule of FUNCTION_RULES) {
      for (const code of rule.codes) expect(names.has(code), `${rule.id}: ${code}`).toBe(true);
      for (const fn of rule.except ?? []) expect(fn in registry.functions, `${rule.id}: ${fn}`).toBe(true);
    }
    for (const code of Object.keys(SPEC_CONTRADICTIONS)) expect(names.has(code), code).toBe(true);
  });

  it('keeps the contexts with ids, each function in at most one of them', () => {
    expect(registry.contexts.length).toBe(loaded.parsed.contexts.length);
    const ids = registry.contexts.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9-]*$/);
    const owners = new Map<string, string[]>();
    for (const context of registry.contexts) {
      expect(context.functions.length, context.id).toBeGreaterThan(0);
      for (const fn of context.functions) {
        expect(fn in registry.functions, `${context.id}: ${fn}`).toBe(true);
        owners.set(fn, [...(owners.get(fn) ?? []), context.id]);
      }
    }
    for (const [fn] of FUNCTION_ROWS) expect((owners.get(fn) ?? []).length, fn).toBeLessThanOrEqual(1);
    expect(ids).toEqual(expect.arrayContaining(['sign', 'verify', 'encrypt', 'decrypt', 'login', 'wrap']));
  });

  it('has at least 40 code × context guidance blocks, all for known contexts', () => {
    const ids = new Set(registry.contexts.map((c) => c.id));
    let pairs = 0;
    for (const code of registry.codes) {
      const seen = new Set<string>();
      for (const context of code.contexts) {
        expect(ids.has(context.id), `${code.name}: ${context.id}`).toBe(true);
        expect(seen.has(context.id), `${code.name}: ${context.id} twice`).toBe(false);
        expect(context.steps.length).toBeGreaterThan(0);
        seen.add(context.id);
        pairs += 1;
      }
    }
    expect(pairs).toBeGreaterThanOrEqual(40);
  });

  it('keeps the historical values, none of them a spec value under the same name', () => {
    expect(registry.historical).toEqual(SPEC.historical);
    expect(registry.historical.length).toBe(tsv('ckr-historical.tsv').length - 1);
    for (const h of registry.historical) {
      const spec = registry.codes.find((c) => c.name === h.name);
      if (spec) expect(spec.value, h.name).not.toBe(h.value);
      if (h.seeAlso) expect(registry.codes.some((c) => c.name === h.seeAlso), h.name).toBe(true);
    }
  });
});

describe('the categories table', () => {
  it('has ordered ranges that never overlap, unique slugs and headings', () => {
    for (const [i, category] of CATEGORIES.entries()) {
      expect(category.min, category.slug).toBeLessThanOrEqual(category.max);
      if (i > 0) expect(category.min, category.slug).toBeGreaterThan(CATEGORIES[i - 1].max);
    }
    expect(new Set(CATEGORIES.map((c) => c.slug)).size).toBe(CATEGORIES.length);
    expect(new Set(CATEGORIES.map((c) => c.heading.toLowerCase())).size).toBe(CATEGORIES.length);
    expect(CATEGORIES.at(-1)).toMatchObject({ slug: 'vendor', min: 0x80000000, max: 0xffffffff });
  });

  it('holds every spec code in exactly one range', () => {
    for (const { name, value } of SPEC.values) {
      expect(CATEGORIES.filter((c) => value >= c.min && value <= c.max).length, name).toBe(1);
    }
    // And values between the ranges are unassigned.
    expect(categoryOfValue(0x1c0)).toBeUndefined();
    expect(categoryOfValue(0x300)).toBeUndefined();
    expect(categoryOfValue(0x7fffffff)).toBeUndefined();
  });
});

describe('loadRegistry and its cache', () => {
  const cacheFile = join(CONTENT_DIR, '..', 'node_modules', '.cache', 'ckr-ref', 'registry.jsonl');
  const stamp = () =>
    SOURCE_FILES.map((f) => {
      const s = statSync(join(CONTENT_DIR, f));
      return `${f}:${s.size}:${Math.trunc(s.mtimeMs)}`;
    }).join('|');
  /** The header line and the full registry the cache holds (read here without the reader). */
  const readCache = () => {
    const bytes = readFileSync(cacheFile);
    const newline = bytes.indexOf(10);
    const header = JSON.parse(bytes.toString('utf8', 0, newline)) as {
      key: string;
      index: { codes: { name: string }[]; contexts: { id: string }[] };
      records: { codes: Record<string, [number, number]>; contexts: Record<string, [number, number]>; functions: [number, number] };
    };
    const record = ([start, length]: [number, number]) =>
      JSON.parse(bytes.toString('utf8', newline + 1 + start, newline + 1 + start + length)) as unknown;
    const registry = {
      codes: header.index.codes.map((c) => record(header.records.codes[c.name])),
      contexts: header.index.contexts.map((c) => record(header.records.contexts[c.id])),
      historical: (header.index as unknown as { historical: unknown }).historical,
      functions: record(header.records.functions),
    };
    return { key: header.key, header, registry };
  };
  /** What a registry looks like after a JSON round trip (the cache stores JSON). */
  const asJson = (value: unknown) => JSON.parse(JSON.stringify(value));

  /** Sets atime and mtime back to the nanosecond (GNU touch), or as close as utimes can. */
  function restoreTimes(file: string, before: BigIntStats) {
    const at = (ns: bigint) => `@${ns / 1_000_000_000n}.${String(ns % 1_000_000_000n).padStart(9, '0')}`;
    const viaTouch =
      spawnSync('touch', ['-c', '-m', '-d', at(before.mtimeNs), file]).status === 0 &&
      spawnSync('touch', ['-c', '-a', '-d', at(before.atimeNs), file]).status === 0;
    if (!viaTouch) utimesSync(file, Number(before.atimeNs) / 1e9, Number(before.mtimeNs) / 1e9);
  }

  it('returns what loadReference builds, and writes the cache with the sources\' stamp', () => {
    const fromCache = loadRegistry();
    expect(asJson(fromCache)).toEqual(asJson(registry));
    expect(existsSync(cacheFile)).toBe(true);
    const { key, registry: cached } = readCache();
    const [version, ...rest] = key.split('|');
    expect(Number(version)).toBeGreaterThan(0);
    expect(rest.join('|')).toBe(stamp());
    expect(cached).toEqual(asJson(registry));
  }, 60_000);

  it('reads the cache on the second call without rebuilding it, and rebuilds when a source changes', () => {
    loadRegistry();
    const before = statSync(cacheFile, { bigint: true });
    const again = loadRegistry();
    const after = statSync(cacheFile, { bigint: true });
    // A rebuild writes a temporary file and renames it over the cache: a new inode and mtime.
    expect(after.ino).toBe(before.ino);
    expect(after.mtimeNs).toBe(before.mtimeNs);
    expect(asJson(again)).toEqual(asJson(registry));

    const values = join(CONTENT_DIR, 'ckr-values.tsv');
    const original = statSync(values, { bigint: true });
    const originalKey = readCache().key;
    try {
      const plain = statSync(values);
      utimesSync(values, plain.atime, new Date(plain.mtimeMs + 1000));
      expect(stamp()).not.toBe(originalKey.slice(originalKey.indexOf('|') + 1));
      const rebuilt = loadRegistry();
      const touched = statSync(cacheFile, { bigint: true });
      expect(touched.ino !== before.ino || touched.mtimeNs !== before.mtimeNs).toBe(true);
      const { key } = readCache();
      expect(key).not.toBe(originalKey);
      expect(key).toContain(`ckr-values.tsv:${plain.size}:${Math.trunc(plain.mtimeMs + 1000)}`);
      expect(asJson(rebuilt)).toEqual(asJson(registry));
    } finally {
      restoreTimes(values, original);
    }
    const restored = statSync(values, { bigint: true });
    expect(Math.trunc(Number(restored.mtimeNs) / 1e6)).toBe(Math.trunc(Number(original.mtimeNs) / 1e6));
    if (spawnSync('touch', ['--version']).status === 0) expect(restored.mtimeNs).toBe(original.mtimeNs);
    // Back to the original stamp: the next call rebuilds the cache under the original key.
    loadRegistry();
    expect(readCache().key).toBe(originalKey);
  }, 60_000);

  it('does not cache another content directory', () => {
    // Same directory spelled differently: not this repository's CONTENT_DIR string, so no cache is used or written.
    const before = statSync(cacheFile, { bigint: true });
    const other = loadRegistry(CONTENT_DIR + '/.');
    expect(asJson(other)).toEqual(asJson(registry));
    const after = statSync(cacheFile, { bigint: true });
    expect(after.ino).toBe(before.ino);
    expect(after.mtimeNs).toBe(before.mtimeNs);
  }, 60_000);

  it('is the cache CACHE_FILE names, one header line and one line per record', () => {
    loadRegistry();
    expect(CACHE_FILE).toBe(cacheFile);
    const { header } = readCache();
    const lines = readFileSync(cacheFile, 'utf8').split('\n').filter(Boolean);
    expect(lines.length).toBe(1 + registry.codes.length + registry.contexts.length + 1);
    expect(header.index.codes.map((c) => c.name)).toEqual(registry.codes.map((c) => c.name));
  }, 60_000);
});

describe('openRegistry: the index at once, records on demand', () => {
  const key = 'test|key';
  const bytes = serializeRegistry(key, registry);

  it('gives the lookup index (name, value, category, meaning), the historical values and the contexts\' functions', () => {
    const reader = readerOfCache(bytes, key)!;
    expect(reader.index.codes).toEqual(registry.codes.map(({ name, value, category, meaning }) => ({ name, value, category, meaning })));
    expect(reader.index.historical).toEqual(asJsonValue(registry.historical));
    expect(reader.index.contexts).toEqual(registry.contexts.map(({ id, title, functions }) => ({ id, title, functions })));
  });

  it('reads each code and context record, the same as the registry; unknown names are undefined', () => {
    const reader = readerOfCache(bytes, key)!;
    for (const code of registry.codes) expect(reader.code(code.name)).toEqual(asJsonValue(code));
    for (const context of registry.contexts) expect(reader.context(context.id)).toEqual(asJsonValue(context));
    expect(reader.code('CKR_NOT_A_CODE')).toBeUndefined();
    // Names come from user input: inherited keys of the parsed header are not records.
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(reader.code(name)).toBeUndefined();
      expect(reader.context(name)).toBeUndefined();
    }
    expect(reader.registry()).toEqual(asJsonValue(registry));
  });

  it('is undefined for another key or for bytes that are not a cache', () => {
    expect(readerOfCache(bytes, 'other|key')).toBeUndefined();
    expect(readerOfCache(Buffer.from('{"key":"test|key"'), key)).toBeUndefined();
    expect(readerOfCache(Buffer.alloc(0), key)).toBeUndefined();
  });

  it('openRegistry() of content/ matches loadRegistry(), and another folder is read without the cache', () => {
    const reader = openRegistry();
    expect(reader.code('CKR_PIN_INCORRECT')).toEqual(asJsonValue(registry.codes.find((c) => c.name === 'CKR_PIN_INCORRECT')));
    expect(asJsonValue(reader.registry())).toEqual(asJsonValue(registry));
    const other = openRegistry(CONTENT_DIR + '/.');
    expect(other.index.codes.length).toBe(registry.codes.length);
  }, 60_000);
});

const asJsonValue = (value: unknown) => JSON.parse(JSON.stringify(value));

