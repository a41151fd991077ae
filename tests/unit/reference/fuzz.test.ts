/**
 * The parser and validator fed random mutations of content/ckr-reference.md (seeded, so a failure
 * reproduces): they never throw, every diagnostic points at a line of the mutant, and a mutant whose
 * entries differ from the text it came from gets diagnostics that say so.
 *
 * remark parses the whole 340 kB reference in about half a second (more on a busy machine), so most
 * mutants are mutations of a window of the reference (a run of 15–50 lines, itself a double
 * truncation); one mutates the whole file (the other tests parse it whole too).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseReference } from '../../../src/reference/parse.ts';
import { validateReference } from '../../../src/reference/validate.ts';
import type { Diagnostic, ParsedReference } from '../../../src/reference/types.ts';
import { CONTENT, SPEC, checkCommandLine } from './helpers.ts';
import { seededRandom } from '../../../src/lookup/corpus.ts';

/** FUZZ_SEED=<n> explores other mutants; the default keeps CI reproducible. */
const SEED = Number(process.env.FUZZ_SEED || 0xc0ffee);

const ORIGINAL = readFileSync(join(CONTENT, 'ckr-reference.md'), 'utf8');
const ORIGINAL_LINES = ORIGINAL.split('\n');
const SPEC_NAMES = new Set(SPEC.values.map((v) => v.name));
const HISTORICAL_NAMES = new Set(SPEC.historical.map((h) => h.name));

/** The one seeded PRNG (mulberry32), shared with the lookup corpus and the benchmark. */
const prng = seededRandom;

const INSERTED_LINES = ['```', '```bash', '~~~', '**X**:', '**Meaning**:', '**Context: nope**:', '###', '### ', '## ', '### CKR_PIN_INCORRECT (0x000000A0, 160)', '- ', '---', '', '<!--'];
const INSERTED_CHARS = ['\r', '\uFEFF', '\0', '\u202E', '`', '*', '#', '\n', '\r\n', '(', ','];

type Mutation = (text: string, rnd: () => number) => string;
const pick = <T,>(items: readonly T[], rnd: () => number): T => items[Math.floor(rnd() * items.length)];
const at = (n: number, rnd: () => number) => Math.floor(rnd() * n);
const onLines = (f: (lines: string[], rnd: () => number) => void): Mutation => (text, rnd) => {
  const lines = text.split('\n');
  f(lines, rnd);
  return lines.join('\n');
};

const MUTATIONS: Record<string, Mutation> = {
  deleteLines: onLines((lines, rnd) => void lines.splice(at(lines.length, rnd), 1 + at(3, rnd))),
  duplicateLine: onLines((lines, rnd) => {
    const i = at(lines.length, rnd);
    lines.splice(i, 0, lines[i]);
  }),
  swapLines: onLines((lines, rnd) => {
    const i = at(lines.length, rnd);
    const j = at(lines.length, rnd);
    [lines[i], lines[j]] = [lines[j], lines[i]];
  }),
  insertLine: onLines((lines, rnd) => void lines.splice(at(lines.length + 1, rnd), 0, pick(INSERTED_LINES, rnd))),
  insertChar: (text, rnd) => {
    const p = at(text.length + 1, rnd);
    return text.slice(0, p) + pick(INSERTED_CHARS, rnd) + text.slice(p);
  },
  flipChar: (text, rnd) => {
    if (!text) return text;
    const p = at(text.length, rnd);
    return text.slice(0, p) + String.fromCharCode(text.charCodeAt(p) ^ (1 << at(7, rnd))) + text.slice(p + 1);
  },
  flipInHeading: onLines((lines, rnd) => {
    const headings = lines.map((l, i) => (l.startsWith('#') ? i : -1)).filter((i) => i >= 0);
    if (!headings.length) return;
    const i = pick(headings, rnd);
    const p = at(lines[i].length, rnd);
    lines[i] = lines[i].slice(0, p) + String.fromCharCode(lines[i].charCodeAt(p) ^ (1 << at(7, rnd))) + lines[i].slice(p + 1);
  }),
  deleteHeading: onLines((lines, rnd) => {
    const headings = lines.map((l, i) => (l.startsWith('#') ? i : -1)).filter((i) => i >= 0);
    if (headings.length) lines.splice(pick(headings, rnd), 1);
  }),
  truncate: (text, rnd) => text.slice(0, at(text.length + 1, rnd)),
  bom: (text) => '\uFEFF' + text,
  crlf: (text) => text.replace(/\n/g, '\r\n'),
  lineCr: onLines((lines, rnd) => {
    const i = at(lines.length, rnd);
    lines[i] += '\r';
  }),
};
const NAMES = Object.keys(MUTATIONS);
/** Mutations are picked from this list: the ones that hit headings twice as often, as headings are rare lines. */
const WEIGHTED = [...NAMES, 'flipInHeading', 'deleteHeading'];

/** Lines as remark counts them: \n, \r\n and a lone \r end a line; a leading BOM is not content. */
const lineCount = (text: string) => text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/).length;

/** What the entries are: name, heading values and section, in a stable order (category headings match in any case). */
const entrySignature = (parsed: ParsedReference) =>
  parsed.entries.map((e) => `${e.name}|${e.headingHex}|${e.headingDecimal}|${e.section.toLowerCase()}`).sort().join('\n');

const messages = (ds: readonly Diagnostic[]) => ds.map((d) => d.message).sort().join('\n');

function check(text: string) {
  const parsed = parseReference(text, 'mutant.md');
  const diagnostics = validateReference(parsed, SPEC, { checkCommandLine });
  return { parsed, diagnostics };
}

interface Outcome {
  mutations: string[];
  /** The entries differ from the text the mutant came from. */
  structural: boolean;
  /** The diagnostics differ (by message) from those of the text the mutant came from. */
  changed: boolean;
  diagnostics: number;
}

/** Checks one mutant against the text it came from (whose check is `base`); returns what happened. */
function fuzzOne(base: { text: string; parsed: ParsedReference; diagnostics: Diagnostic[] }, rnd: () => number): Outcome {
  const mutations: string[] = [];
  let text = base.text;
  const count = 1 + at(3, rnd);
  for (let k = 0; k < count; k++) {
    const name = pick(WEIGHTED, rnd);
    mutations.push(name);
    text = MUTATIONS[name](text, rnd);
  }
  const where = `mutations ${mutations.join('+')}`;
  let result: ReturnType<typeof check> | undefined;
  expect(() => (result = check(text)), where).not.toThrow();
  const { parsed, diagnostics } = result!;
  const lines = lineCount(text);
  for (const d of diagnostics) {
    const ok = Number.isInteger(d.line) && d.line >= 1 && d.line <= lines;
    expect(ok, `${where}: line ${d.line} of ${lines}: ${d.message}`).toBe(true);
    expect(['error', 'warning']).toContain(d.severity);
    expect(d.file).toBe('mutant.md');
  }
  const structural = entrySignature(parsed) !== entrySignature(base.parsed);
  if (structural) {
    // Entries that changed are always reported, each in its own way.
    expect(messages(diagnostics), where).not.toBe(messages(base.diagnostics));
    const names = parsed.entries.map((e) => e.name);
    for (const name of new Set(base.parsed.entries.map((e) => e.name))) {
      if (SPEC_NAMES.has(name) && !names.includes(name)) {
        expect(diagnostics.some((d) => d.message.startsWith(`missing entry for ${name} `)), `${where}: ${name} vanished silently`).toBe(true);
      }
    }
    for (const entry of parsed.entries) {
      if (!SPEC_NAMES.has(entry.name) && !HISTORICAL_NAMES.has(entry.name)) {
        expect(diagnostics.some((d) => d.line === entry.line), `${where}: unknown ${entry.name} at ${entry.line} not reported`).toBe(true);
      }
    }
    if (new Set(names).size !== names.length) {
      expect(diagnostics.some((d) => d.message.startsWith('duplicate entry for ')), `${where}: duplicate not reported`).toBe(true);
    }
  }
  return { mutations, structural, changed: messages(diagnostics) !== messages(base.diagnostics), diagnostics: diagnostics.length };
}

describe('fuzzing the reference parser', () => {
  it('never throws, keeps diagnostics inside the mutant, and reports changed entries (300 window mutants + a whole-file mutant)', () => {
    const started = performance.now();
    const rnd = prng(SEED);
    const outcomes: Outcome[] = [];

    // 30 windows of the reference, 10 mutants each.
    for (let w = 0; w < 30; w++) {
      const start = at(ORIGINAL_LINES.length - 15, rnd);
      const text = ORIGINAL_LINES.slice(start, start + 15 + at(36, rnd)).join('\n') + '\n';
      const base = { text, ...check(text) };
      for (let m = 0; m < 10; m++) outcomes.push(fuzzOne(base, rnd));
    }

    const windowsDone = performance.now() - started;
    // The whole file: it is valid, so any structural change must bring diagnostics.
    const whole = { text: ORIGINAL, ...check(ORIGINAL) };
    expect(whole.diagnostics).toEqual([]);
    const outcome = fuzzOne(whole, rnd);
    if (outcome.structural) expect(outcome.diagnostics).toBeGreaterThan(0);
    outcomes.push(outcome);

    const elapsed = performance.now() - started;
    console.log(`fuzz (seed ${SEED}): ${outcomes.length} mutants, ${outcomes.filter((o) => o.structural).length} structural, ${outcomes.filter((o) => o.changed).length} with other diagnostics, ${Math.round(elapsed)} ms (whole file part ${Math.round(elapsed - windowsDone)} ms)`);
    expect(outcomes).toHaveLength(301);
    // The fuzzing has teeth: many mutants change the entries or the diagnostics, and every mutation was tried.
    const structural = outcomes.filter((o) => o.structural).length;
    expect(structural).toBeGreaterThan(process.env.FUZZ_SEED ? 0 : 5);
    expect(outcomes.filter((o) => o.changed).length).toBeGreaterThan(outcomes.length / 4);
    const tried = new Set(outcomes.flatMap((o) => o.mutations));
    expect([...tried].sort()).toEqual([...NAMES].sort());
    // A bound, not a benchmark.
    expect(elapsed).toBeLessThan(30_000);
  }, 120_000);

  it('is deterministic for a seed', () => {
    const a = prng(42);
    const b = prng(42);
    const text = ORIGINAL_LINES.slice(0, 60).join('\n');
    for (let i = 0; i < 20; i++) {
      const name = pick(NAMES, a);
      expect(pick(NAMES, b)).toBe(name);
      expect(MUTATIONS[name](text, a)).toBe(MUTATIONS[name](text, b));
    }
  });
});
