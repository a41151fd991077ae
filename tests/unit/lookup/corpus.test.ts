import { describe, expect, it } from 'vitest';
import { mixedCorpus, seededRandom } from '../../../src/lookup/corpus.ts';
import { index, lookup } from './fixture.ts';

describe('mixedCorpus', () => {
  const corpus = mixedCorpus(index.codes, 10_000);

  it('is deterministic for a seed, and different for another', () => {
    expect(mixedCorpus(index.codes, 10_000)).toEqual(corpus);
    expect(mixedCorpus(index.codes, 200, 7)).toEqual(mixedCorpus(index.codes, 200, 7));
    expect(mixedCorpus(index.codes, 200, 7)).not.toEqual(corpus.slice(0, 200));
    expect(mixedCorpus(index.codes, 5)).toEqual(corpus.slice(0, 5));
  });

  it('never repeats an input (a repeat would measure a cache, not the lookup)', () => {
    expect(new Set(corpus).size).toBe(corpus.length);
  });

  it('has the requested size, and is empty without codes', () => {
    expect(corpus).toHaveLength(10_000);
    expect(mixedCorpus(index.codes, 0)).toEqual([]);
    expect(mixedCorpus([], 10)).toEqual([]);
  });

  it('mixes every form: names, numbers, vendor values, typos, words, and lines of every stack', () => {
    const results = corpus.map((s) => lookup(s));
    const kinds = new Map<string, number>();
    const matchedBy = new Set<string>();
    const stacks = new Set<string>();
    for (const r of results) {
      kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + 1);
      if ('matchedBy' in r) matchedBy.add(r.matchedBy);
      if ('line' in r && r.line?.stack) stacks.add(r.line.stack);
    }
    for (const k of ['code', 'candidates', 'vendor', 'historical', 'unassigned', 'none']) expect(kinds.get(k) ?? 0, k).toBeGreaterThan(0);
    expect(kinds.get('code')! / corpus.length).toBeGreaterThan(0.8);
    expect(kinds.get('none')! / corpus.length).toBeLessThan(0.05);
    for (const m of ['name', 'alias', 'hex', 'decimal', 'signed-decimal', 'error-line', 'words', 'typo']) {
      if (m === 'alias') continue; // aliases are python-pkcs11 only, rare by design
      expect(matchedBy, m).toContain(m);
    }
    expect([...stacks].sort()).toEqual(['cryptoki', 'miekg-pkcs11', 'opensc', 'openssl', 'p11-kit', 'pkcs11js', 'python-pkcs11', 'sunpkcs11']);
  });

  it('names most codes somewhere', () => {
    const seen = new Set<string>();
    for (const s of corpus) {
      const r = lookup(s);
      if (r.kind === 'code') seen.add(r.code.name);
    }
    expect(seen.size).toBeGreaterThan(index.codes.length * 0.95);
  });

  it('gives flat, ordinary strings', () => {
    for (const s of corpus.slice(0, 100)) expect(typeof s).toBe('string');
  });
});

describe('seededRandom', () => {
  it('is deterministic and in [0, 1)', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    for (let i = 0; i < 1000; i++) {
      const x = a();
      expect(x).toBe(b());
      expect(x >= 0 && x < 1).toBe(true);
    }
  });
});
