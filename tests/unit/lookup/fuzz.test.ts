import { describe, expect, it } from 'vitest';
import { LOOKUP_KINDS, MAX_CANDIDATES, MAX_ECHO, type LookupResult } from '../../../src/lookup/lookup.ts';
import { mixedCorpus, seededRandom } from '../../../src/lookup/corpus.ts';
import { index, lookup } from './fixture.ts';

/** Fails the test with the offending input when a result is malformed. */
function assertValid(r: LookupResult, input: string): void {
  const where = `input ${JSON.stringify(input.slice(0, 60))}${input.length > 60 ? `… (${input.length} chars)` : ''}`;
  expect(LOOKUP_KINDS, where).toContain(r.kind);
  expect(typeof r.message, where).toBe('string');
  expect(r.message.length, where).toBeGreaterThan(0);
  expect(r.message.length, where).toBeLessThan(600);
  const isU32 = (v: number): boolean => Number.isInteger(v) && v >= 0 && v <= 0xffffffff;
  const isHex = (h: string): boolean => /^0x[0-9A-F]{8}$/.test(h);
  switch (r.kind) {
    case 'code':
      expect(index.codes, where).toContain(r.code);
      expect(isHex(r.hex), where).toBe(true);
      expect(r.suggestion, where).toBe(r.matchedBy === 'typo' || r.suggestion);
      break;
    case 'vendor':
      expect(r.value >= 0x80000000 && r.value <= 0xffffffff, where).toBe(true);
      expect(r.offset, where).toBe(r.value - 0x80000000);
      expect(isHex(r.hex), where).toBe(true);
      break;
    case 'historical':
      expect(index.historical, where).toContain(r.entry);
      expect(r.value, where).toBe(r.entry.value);
      break;
    case 'unassigned':
      expect(isU32(r.value) && r.value < 0x80000000, where).toBe(true);
      expect(index.codes.some((c) => c.value === r.value), where).toBe(false);
      if (r.below) expect(r.below.value, where).toBeLessThan(r.value);
      if (r.above) expect(r.above.value, where).toBeGreaterThan(r.value);
      break;
    case 'candidates':
      expect(r.candidates.length, where).toBeGreaterThan(1);
      expect(r.candidates.length, where).toBeLessThanOrEqual(MAX_CANDIDATES);
      expect(r.total, where).toBeGreaterThanOrEqual(r.candidates.length);
      for (const c of r.candidates) expect((c.code ?? c.historical)?.name, where).toBe(c.name);
      break;
    case 'none':
      expect(typeof r.reason, where).toBe('string');
      break;
  }
  if ('line' in r && r.line) expect(r.line.text.length, where).toBeLessThanOrEqual(MAX_ECHO);
  if ('alternatives' in r) for (const a of r.alternatives) expect(isU32(a.value), where).toBe(true);
  // Plain data the site and the CLI can serialise.
  expect(() => JSON.stringify(r), where).not.toThrow();
}

const HOSTILE_PIECES = [
  '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'javascript:alert(1)', '{{constructor.constructor("x")()}}',
  '${process.exit()}', '\u202e', '\u202d', '\u2066', '\u2069', '\u200f', '\u200b', '\ufeff', '\ud800', '\udfff', '\udbff\udc00',
  '\u0000', '\u0007', '\u001b[31m', '\r\n', '\t', '\u0085', '\u2028', 'CKR_', 'CKR_PIN_INCORRECT', '0x', '0xA0', 'rv=', '160', '-',
  '-2147483647', 'Pkcs11(', 'RvError::', 'pkcs11.exceptions.', ':', '(', ')', 'error:410000A0:PKCS#11 module::', '__proto__',
  'constructor', 'toString', 'hasOwnProperty', 'p11-kit: ', 'The password or PIN is incorrect', 'ｃｋｒ＿ｐｉｎ', '𝐂𝐊𝐑', '🔐',
];

/** Deterministic hostile and random inputs: same seed, same strings, so a failure reproduces. */
function fuzzInputs(seed: number, count: number): string[] {
  const rnd = seededRandom(seed);
  const int = (n: number): number => Math.floor(rnd() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  const randomChars = (n: number, max: number): string => {
    let s = '';
    for (let i = 0; i < n; i++) s += String.fromCharCode(int(max));
    return s;
  };
  const realistic = mixedCorpus(index.codes, 2000, seed ^ 0x9e3779b9);
  const out: string[] = [
    // the big ones
    'CKR_'.repeat(100_000),
    'CKR_PIN_INCORRECT'.repeat(60_000),
    '9'.repeat(1 << 20),
    '0x' + 'f'.repeat(1 << 20),
    'a'.repeat(1 << 20),
    randomChars(1 << 20, 0x10000),
    ('rv=0xa0 ' + 'x'.repeat(1000) + '\n').repeat(1000),
    '<script>'.repeat(130_000),
    ' '.repeat(1 << 20) + 'CKR_PIN_INCORRECT',
    'CKR_PIN_INCORRECT' + '\u202e'.repeat(1 << 20),
    '_'.repeat(1 << 20),
    'Pkcs11('.repeat(150_000),
    '-'.repeat(1 << 20) + '1',
    'pin '.repeat(250_000),
    'error:'.repeat(170_000),
  ];
  while (out.length < count) {
    const kind = int(6);
    if (kind === 0) {
      out.push(randomChars(int(200), 128));
    } else if (kind === 1) {
      out.push(randomChars(int(100), 0x10000));
    } else if (kind === 2) {
      let s = '';
      for (let i = int(8); i >= 0; i--) s += pick(HOSTILE_PIECES);
      out.push(s);
    } else if (kind === 3) {
      // mutate a realistic input: insert, delete, replace
      let s = pick(realistic);
      for (let i = int(4); i >= 0; i--) {
        const at = int(s.length + 1);
        const op = int(3);
        s = op === 0 ? s.slice(0, at) + pick(HOSTILE_PIECES) + s.slice(at)
          : op === 1 ? s.slice(0, at) + s.slice(at + 1 + int(5))
          : s.slice(0, at) + randomChars(1, 0x10000) + s.slice(at + 1);
      }
      out.push(s);
    } else if (kind === 4) {
      out.push(pick(['', '-', '0x', 'h', '0h', '+', '--1', '0x-1', '1e9', '1.5', 'NaN', 'Infinity', '0b101', '0o17', '1_000']) + randomChars(int(3), 128));
    } else {
      // long runs of digits, hex and names, with a separator or not
      const unit = pick(['1', '0', 'f', 'A', 'CKR_', '0x', '_', 'Pin', '.', ':', '(0x', ' rv=']);
      out.push(unit.repeat(1 + int(5000)));
    }
  }
  return out;
}

describe('lookup: fuzz', () => {
  const SEED = 0xc0ffee;
  const inputs = fuzzInputs(SEED, 10_000);

  it('builds 10,000 inputs, deterministically', () => {
    expect(inputs).toHaveLength(10_000);
    expect(fuzzInputs(SEED, 50)).toEqual(inputs.slice(0, 50));
    expect(inputs.filter((s) => s.length >= 400_000).length).toBeGreaterThanOrEqual(10);
  });

  it('never throws, always answers a valid result, and stays within a time bound', () => {
    let slowest = 0;
    let slowestInput = '';
    const start = performance.now();
    for (const input of inputs) {
      const t = performance.now();
      const r = lookup(input);
      const dt = performance.now() - t;
      if (dt > slowest) {
        slowest = dt;
        slowestInput = input;
      }
      assertValid(r, input);
    }
    const total = performance.now() - start;
    // Bounded work: a generous bound, not a benchmark.
    expect(total, `total ${total.toFixed(0)} ms`).toBeLessThan(20_000);
    expect(slowest, `slowest ${slowest.toFixed(1)} ms on ${JSON.stringify(slowestInput.slice(0, 40))}`).toBeLessThan(2_000);
  });

  it('answers the same way twice (no state leaks between calls)', () => {
    const sample = inputs.filter((s) => s.length < 10_000).slice(0, 2000);
    const first = sample.map((s) => JSON.stringify(lookup(s)));
    const again = [...sample].reverse().map((s) => JSON.stringify(lookup(s))).reverse();
    expect(again).toEqual(first);
  });

  it('still finds the code after a megabyte of noise (head and tail are scanned)', () => {
    expect(lookup('x '.repeat(1 << 19) + 'PKCS11Exception: CKR_PIN_LOCKED')).toMatchObject({ kind: 'code', code: { name: 'CKR_PIN_LOCKED' } });
    expect(lookup('PKCS11Exception: CKR_PIN_LOCKED ' + 'x '.repeat(1 << 19))).toMatchObject({ kind: 'code', code: { name: 'CKR_PIN_LOCKED' } });
  });
});
