/**
 * Lookup throughput: createLookup (src/lookup/lookup.ts) over the registry (loadRegistry, the index the
 * CLI and codes.json come from), fed the mixed corpus of src/lookup/corpus.ts (10,000 distinct inputs).
 * Warm-up passes first (JIT), then timed passes; inputs/s per pass, median.
 *
 * Every pass gets its own fresh copy of the strings (made before the clock starts), as real inputs
 * arrive: a string V8 has already hashed or flattened in an earlier pass would be cheaper to look up
 * than any input read from argv or a form field.
 *
 * Baseline in the same run, same corpus: an exact-match Map.get on the trimmed, upper-cased input (what
 * the cheapest possible "lookup" costs on this machine right now). The budget is absolute.
 *
 * The passes run in a child process with a fixed young generation (YOUNG_GENERATION): by default V8
 * doubles it as allocation goes on (8, 16, 32, 64, 128 MB, at about pass 1, 17, 86 and 386 here), and the
 * first passes over each new, untouched region run 2 to 3 times slower on this VM (page faults), for the
 * Map.get baseline exactly as for the lookup. Those transients are the machine's, not the lookup's; with
 * the size fixed the timed passes measure the steady state.
 *
 *   node --min-semi-space-size=16 --max-semi-space-size=16 scripts/bench/lookup.ts '{"passes":15,"warmup":5}'
 * prints the LookupBench as JSON (measureLookup runs it so).
 */
import { performance } from 'node:perf_hooks';
import { createLookup } from '../../src/lookup/lookup.ts';
import { mixedCorpus } from '../../src/lookup/corpus.ts';
import { loadRegistry } from '../../src/reference/registry.ts';
import { MeasurementError, summarize, timeProcess, type Summary } from './stats.ts';

/** V8 flags of the measuring process: semi-spaces fixed at 16 MB (the size this loop reaches by pass ~17). */
export const YOUNG_GENERATION = ['--min-semi-space-size=16', '--max-semi-space-size=16'];

/** Fresh string objects with the corpus' text (no hash or flattening carried over from an earlier pass). */
const freshCopy = (json: string): string[] => JSON.parse(json) as string[];

export interface LookupBench {
  inputs: number;
  codes: number;
  perSecond: Summary;
  baselinePerSecond: Summary;
  /** Share of the corpus per result kind (a sanity check that the corpus is really mixed). */
  kinds: Record<string, number>;
  buildIndexMs: number;
}

export interface LookupOptions {
  passes: number;
  warmup: number;
  size?: number;
}

export function benchLookup({ passes, warmup, size = 10_000 }: LookupOptions): LookupBench {
  const registry = loadRegistry();
  const index = {
    codes: registry.codes.map((c) => ({ name: c.name, value: c.value, meaning: c.meaning, category: c.category })),
    historical: registry.historical,
  };
  const t0 = performance.now();
  const lookup = createLookup(index);
  const buildIndexMs = performance.now() - t0;
  const corpus = mixedCorpus(registry.codes, size);
  if (corpus.length !== size) throw new MeasurementError(`corpus has ${corpus.length} inputs, expected ${size}`);
  // A repeated input would measure a cache, not the lookup.
  const distinct = new Set(corpus).size;
  if (distinct !== size) throw new MeasurementError(`corpus has ${size - distinct} repeated inputs; the figure must measure distinct inputs`);
  const json = JSON.stringify(corpus);

  const exact = new Map<string, unknown>();
  for (const c of registry.codes) {
    exact.set(c.name, c);
    exact.set(c.hexShort, c);
    exact.set(String(c.value), c);
  }
  const trivial = (input: string) => exact.get(input.trim().toUpperCase());

  const kinds: Record<string, number> = {};
  for (const input of corpus) {
    const kind = lookup(input).kind;
    kinds[kind] = (kinds[kind] ?? 0) + 1;
  }

  let sink = 0;
  const pass = (f: (input: string) => unknown) => {
    const inputs = freshCopy(json);
    const start = performance.now();
    for (let i = 0; i < inputs.length; i++) if (f(inputs[i]) !== undefined) sink++;
    return inputs.length / ((performance.now() - start) / 1000);
  };
  for (let i = 0; i < warmup; i++) {
    pass(lookup);
    pass(trivial);
  }
  const ours: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < passes; i++) {
    // Alternate the order so drift (other jobs on the machine) hits both alike.
    if (i % 2) {
      base.push(pass(trivial));
      ours.push(pass(lookup));
    } else {
      ours.push(pass(lookup));
      base.push(pass(trivial));
    }
  }
  if (sink < 0) console.log(sink); // keep the results alive
  return { inputs: size, codes: registry.codes.length, perSecond: summarize(ours), baselinePerSecond: summarize(base), kinds, buildIndexMs };
}

/** benchLookup in a child process with the young generation fixed (YOUNG_GENERATION). */
export function measureLookup(options: LookupOptions): LookupBench {
  const { stdout } = timeProcess(process.execPath, [...YOUNG_GENERATION, import.meta.filename, JSON.stringify(options)]);
  return JSON.parse(stdout) as LookupBench;
}

if (import.meta.main) {
  process.stdout.write(JSON.stringify(benchLookup(JSON.parse(process.argv[2] ?? '{}') as LookupOptions)));
}

export interface LookupClass {
  /** `code/name`, `code/error-line`, `candidates/typo`... (result kind / how it matched). */
  what: string;
  inputs: number;
  /** Mean µs per input of this class (batch-timed over `passes`). */
  usPerInput: number;
  /** Share of the whole corpus' time. */
  share: number;
}

/** Where the lookup's time goes: the corpus grouped by result kind and match, each group batch-timed. */
export function lookupBreakdown(passes = 5, size = 10_000): LookupClass[] {
  const registry = loadRegistry();
  const lookup = createLookup({ codes: registry.codes, historical: registry.historical });
  const corpus = mixedCorpus(registry.codes, size);
  const groups = new Map<string, string[]>();
  for (const input of corpus) {
    const r = lookup(input) as { kind: string; matchedBy?: string };
    const key = `${r.kind}/${r.matchedBy ?? '-'}`;
    const list = groups.get(key) ?? [];
    list.push(input);
    groups.set(key, list);
  }
  for (let i = 0; i < 2; i++) for (const input of corpus) lookup(input);
  const out: LookupClass[] = [];
  let total = 0;
  for (const [what, group] of groups) {
    const samples: number[] = [];
    const json = JSON.stringify(group);
    for (let p = 0; p < passes; p++) {
      const inputs = freshCopy(json);
      const start = performance.now();
      for (const input of inputs) lookup(input);
      samples.push(((performance.now() - start) * 1000) / inputs.length);
    }
    const us = summarize(samples).median;
    total += us * group.length;
    out.push({ what, inputs: group.length, usPerInput: us, share: 0 });
  }
  for (const c of out) c.share = (c.usPerInput * c.inputs) / total;
  return out.sort((a, b) => b.share - a.share);
}
