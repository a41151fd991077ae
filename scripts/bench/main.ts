/**
 * `npm run bench`: the ckr.ref benchmark (see /work/shared/guide/BENCHMARK.md). Every figure is printed
 * beside a baseline measured in the same run, as a ratio, with min/median/max, and checked against its
 * budget. Writes bench/results.json; `--json` also prints the JSON on stdout (the table then goes to
 * stderr).
 *
 *   npm run bench                       full run (site builds: real, synthetic 1,000 and 5,000 codes)
 *   npm run bench -- --quick            smoke run for npm test: no builds (page weight from dist/ if
 *                                       present), fewer iterations, 1 round where rounds are costly
 *   npm run bench -- --only lookup,cli  sections: lookup cli sign weight build-real build-1000 build-5000
 *                                       (`build` = the three builds)
 *   --build-runs N      builds per size (default 3)     --build-timeout MIN   per build (default 120)
 *   --all-runs          repeat builds even when run 1 is already > 3× its baseline (default: stop at 1)
 *   --profile / --no-profile   profile missed budgets (default: on in full runs, off with --quick)
 *   --keep              keep the temp dirs (token, content, builds)
 *
 * Exit status: 0 when every measurement was made (budgets missed or not: it is a measurement), 1 when a
 * measurement itself failed (a build broke, a process exited non-zero, a check of the output failed).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { lookupBreakdown, measureLookup, YOUNG_GENERATION } from './lookup.ts';
import { benchCli } from './cli.ts';
import { createToken, BIN, RSA_KEY, EC_KEY, type BenchToken } from './softhsm.ts';
import { pageWeight, lookupBoxScript, lookupFirstUse, gzipSize, type PageWeight } from './page-weight.ts';
import { astroBuild, siteShape, type BuildRun, type SiteShape } from './site.ts';
import { writeBaselineProject } from './baseline-site.ts';
import { writeOurProject } from './project.ts';
import { generateSynthetic, REAL_CONTENT, REPO } from './synthetic.ts';
import { buildCliBundles } from '../build-cli.ts';
import { formatLines, formatNotes, formatTable, judge, type Figure } from './report.ts';
import { MeasurementError, fmt, summarize, timeProcess, type Summary } from './stats.ts';
import { profileHere, profileNote, profileProcess, summarizeProfile } from './profile.ts';

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    only: { type: 'string' },
    'build-runs': { type: 'string' },
    'build-timeout': { type: 'string' },
    'all-runs': { type: 'boolean', default: false },
    profile: { type: 'boolean' },
    'no-profile': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
  allowPositionals: false,
});

const quick = flags.quick === true;
const profiling = flags['no-profile'] ? false : (flags.profile ?? !quick);
const SECTIONS = ['lookup', 'cli', 'sign', 'weight', 'build-real', 'build-1000', 'build-5000'] as const;
type Section = (typeof SECTIONS)[number];
const only = flags.only ? new Set(flags.only.split(',').flatMap((s) => (s === 'build' ? ['build-real', 'build-1000', 'build-5000'] : [s]))) : undefined;
for (const s of only ?? []) if (!(SECTIONS as readonly string[]).includes(s)) {
  console.error(`unknown section "${s}" (sections: ${SECTIONS.join(', ')}, build)`);
  process.exit(2);
}
const wanted = (s: Section) => (only ? only.has(s) : !(quick && s.startsWith('build')));

const settings = quick
  ? { lookupWarmup: 10, lookupPasses: 7, cliRuns: 5, manyRuns: 1, toolProcesses: 50, signRounds: 1, rsaSigs: 100, ecSigs: 300, signWarmup: 10 }
  : { lookupWarmup: 20, lookupPasses: 15, cliRuns: 20, manyRuns: 5, toolProcesses: 1000, signRounds: 11, rsaSigs: 400, ecSigs: 2000, signWarmup: 50 };
const FILES = 1000;
const buildRuns = Number(flags['build-runs'] ?? 3);
const buildTimeoutMs = Number(flags['build-timeout'] ?? 120) * 60_000;

const started = performance.now();
const startedAt = new Date().toISOString();
const loadStart = loadavg();
const log = (text: string) => process.stderr.write(`${text}\n`);
const figures: Figure[] = [];
const failures: { section: string; message: string }[] = [];
const details: Record<string, unknown> = {};
const work = mkdtempSync(join(tmpdir(), 'ckr-bench-'));
const temps: string[] = [work];

const add = (figure: Omit<Figure, 'notes'> & { notes?: string[] }): Figure => {
  const f = judge({ ...figure, notes: figure.notes ?? [] });
  figures.push(f);
  return f;
};
const ratioOf = (a: Summary, b: Summary) => a.median / b.median;

async function section(name: Section | string, body: () => Promise<void> | void): Promise<void> {
  const t = performance.now();
  log(`▶ ${name}`);
  try {
    await body();
    log(`  ${name}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  } catch (e) {
    const message = e instanceof Error ? (e instanceof MeasurementError ? e.message : (e.stack ?? e.message)) : String(e);
    failures.push({ section: name, message });
    log(`✘ ${name} failed: ${message}`);
  }
}

// ------------------------------------------------------------------------------------------------
// Lookup
// ------------------------------------------------------------------------------------------------
if (wanted('lookup')) {
  await section('lookup', async () => {
    const r = measureLookup({ passes: settings.lookupPasses, warmup: settings.lookupWarmup });
    details.lookup = { codes: r.codes, inputs: r.inputs, kinds: r.kinds, buildIndexMs: r.buildIndexMs };
    const f = add({
      id: 'lookup.throughput',
      name: `lookup throughput, ${r.inputs.toLocaleString('en-US')} mixed inputs`,
      unit: 'inputs/s',
      value: r.perSecond,
      baseline: { name: 'exact-match Map.get', value: r.baselinePerSecond },
      ratio: ratioOf(r.perSecond, r.baselinePerSecond),
      budget: { on: 'value', op: '>=', limit: 1_000_000, text: '≥ 1,000,000 inputs/s' },
      notes: [
        `${settings.lookupPasses} passes after ${settings.lookupWarmup} warm-up, alternating with the baseline, in a child process run with ` +
          `${YOUNG_GENERATION.join(' ')} (V8's young-generation growth steps make a few passes of both 2–3× slower here; see scripts/bench/lookup.ts)`,
      ],
    });
    if (f.ok === false && profiling) {
      const { createLookup } = await import('../../src/lookup/lookup.ts');
      const { mixedCorpus } = await import('../../src/lookup/corpus.ts');
      const { loadRegistry } = await import('../../src/reference/registry.ts');
      const registry = loadRegistry();
      const lookup = createLookup({ codes: registry.codes, historical: registry.historical });
      const corpus = mixedCorpus(registry.codes, r.inputs);
      const summary = await profileHere(() => {
        for (let p = 0; p < 3; p++) for (const input of corpus) lookup(input);
      }, 10);
      f.notes.push(profileNote(summary, 8));
      // Which inputs cost the most: the corpus grouped by result (kind/matchedBy), each group batch-timed.
      const classes = lookupBreakdown(quick ? 3 : 7, r.inputs);
      f.notes.push(
        `by result (share of time, inputs, µs each): ` +
          classes.slice(0, 8).map((c) => `${c.what} ${fmt(c.share * 100, 0)}% (${c.inputs}, ${fmt(c.usPerInput, 1)} µs)`).join('; '),
      );
      details.lookupBreakdown = classes;
    }
  });
}

// ------------------------------------------------------------------------------------------------
// CLI processes and in-process signing (one private SoftHSM2 token)
// ------------------------------------------------------------------------------------------------
let token: BenchToken | undefined;
const getToken = async () => {
  if (!token) {
    // bin.js runs each command's bundle when it is fresh (npm ci's prepare builds them): time what users run.
    const b = performance.now();
    const names = await buildCliBundles();
    log(`  hsm-cli: ${names.length} command bundles built (${fmt(performance.now() - b, 0)} ms)`);
    const t = performance.now();
    token = createToken();
    temps.push(token.dir);
    log(`  token "${token.label}" in ${token.dir} with ${RSA_KEY} (RSA-2048) and ${EC_KEY} (P-256) made with hsm-cli gen-keypair (${((performance.now() - t) / 1000).toFixed(1)} s)`);
  }
  return token;
};

if (wanted('cli')) {
  await section('cli', async () => {
    const t = await getToken();
    const r = benchCli(t, { runs: settings.cliRuns, manyRuns: settings.manyRuns, files: FILES, toolProcesses: settings.toolProcesses }, log);
    const explain = add({
      id: 'cli.explain-error',
      name: '`hsm-cli explain-error 0xA0` process',
      unit: 'ms',
      value: r.explain,
      baseline: { name: '`node -e 0`', value: r.nodeE0 },
      ratio: ratioOf(r.explain, r.nodeE0),
      budget: { on: 'ratio', op: '<=', limit: 1.5, text: '≤ 1.5×' },
    });
    const sign = add({
      id: 'cli.sign-one-shot',
      name: 'one-shot `hsm-cli sign` RSA-2048, minus `node -e 0`',
      unit: 'ms',
      value: r.signOneMinusNode,
      baseline: { name: '`pkcs11-tool --sign`', value: r.pkcs11ToolOne },
      ratio: ratioOf(r.signOneMinusNode, r.pkcs11ToolOne),
      budget: { on: 'ratio', op: '<=', limit: 1.5, text: '≤ 1.5×' },
      notes: [
        `whole process ${fmt(r.signOne.median)} ms (${fmt(r.signOne.min)}–${fmt(r.signOne.max)}), node -e 0 ${fmt(r.nodeE0.median)} ms; "minus" is paired per round`,
        `from the sources (HSM_CLI_BUNDLES=0) ${fmt(r.signOneSourcesMinusNode.median)} ms minus node (${fmt(r.signOneSourcesMinusNode.median / r.pkcs11ToolOne.median, 2)}×): the command's bundle saves ${fmt(r.signOneSourcesMinusNode.median - r.signOneMinusNode.median)} ms`,
      ],
    });
    const many = add({
      id: 'cli.sign-1000-files',
      name: `${r.many.files.toLocaleString('en-US')} RSA-2048 signatures of separate files, one \`hsm-cli sign\``,
      unit: 'ms',
      value: r.many.ours,
      baseline: { name: `${r.many.files} \`pkcs11-tool --sign\` processes`, value: r.many.tool },
      ratio: r.many.tool.median / r.many.ours.median,
      ratioIs: 'baseline/ours: faster',
      budget: { on: 'ratio', op: '>=', limit: 5, text: '≥ 5× faster' },
      notes: r.many.scaled ? [`baseline: ${r.many.toolProcesses} pkcs11-tool processes per round, total scaled ×${fmt(r.many.files / r.many.toolProcesses)} to ${r.many.files} (quick mode)`] : [],
    });
    details.cli = r;
    if (profiling) {
      const env = t.env;
      if (explain.ok === false) {
        explain.notes.push(profileNote(profileProcess([BIN, 'explain-error', '0xA0'], { env, cwd: REPO })));
        explain.notes.push(startupBreakdown(env));
      }
      if (sign.ok === false) {
        const files = join(t.dir, 'cli', 'files');
        sign.notes.push(profileNote(profileProcess([BIN, 'sign', '--label', t.label, '--key-label', RSA_KEY, '--input', 'f0001', '--output', 'prof.sig'], { env, cwd: files })));
      }
      if (many.ok === false) many.notes.push('see the one-shot figure: the fixed start-up cost is paid once here');
    }
  });
}

/** Start-up phases of the CLI, each as a whole process (median of 5): where explain-error's time goes. */
function startupBreakdown(env: NodeJS.ProcessEnv): string {
  const node = process.execPath;
  const probe = (args: string[]) => summarize(Array.from({ length: 5 }, () => timeProcess(node, args, { env, cwd: REPO }).ms)).median;
  const base = probe(['-e', '0']);
  const version = probe([BIN, '--version']);
  const explain = probe([BIN, 'explain-error', '0xA0']);
  const json = probe([BIN, 'explain-error', '0xA0', '--json']);
  return `start-up, whole processes (median of 5): node -e 0 ${fmt(base)} ms; hsm-cli --version (bin.js + main.ts graph) ${fmt(version)} ms; ` +
    `explain-error 0xA0 ${fmt(explain)} ms (--json ${fmt(json)} ms): the command itself (reference load, lookup index, formatting) adds ${fmt(explain - version)} ms over --version`;
}

if (wanted('sign')) {
  await section('sign', async () => {
    const t = await getToken();
    const run = (key: string, signatures: number, rounds: number) => {
      const config = { label: t.label, keys: [key], signatures, rounds, warmup: settings.signWarmup };
      const { stdout } = timeProcess(process.execPath, [join(import.meta.dirname, 'sign-worker.ts'), JSON.stringify(config)], { env: t.env, cwd: REPO });
      return (JSON.parse(stdout) as Record<string, { ours: number[]; raw: number[]; mechanism: string; sameSignature: boolean | null; signatureBytes: number }>)[key];
    };
    for (const [key, label, signatures] of [[EC_KEY, 'P-256', settings.ecSigs], [RSA_KEY, 'RSA-2048', settings.rsaSigs]] as const) {
      const r = run(key, signatures, settings.signRounds);
      if (r.sameSignature === false) throw new MeasurementError(`${label}: the CLI path and the raw loop made different signatures`);
      const ours = summarize(r.ours);
      const raw = summarize(r.raw);
      const f = add({
        id: `sign.in-process.${label.toLowerCase()}`,
        name: `${label} signatures/s in one process (CLI path, ${r.mechanism})`,
        unit: 'sig/s',
        value: ours,
        baseline: { name: 'raw pkcs11js loop', value: raw },
        ratio: ratioOf(ours, raw),
        budget: { on: 'ratio', op: '>=', limit: 0.95, text: '≥ 0.95×' },
        notes: [`${signatures} signatures per round, ${settings.signRounds} rounds alternating CLI/raw; paired ratios ${r.ours.map((o, i) => fmt(o / r.raw[i], 2)).join(', ')}`],
      });
      if (f.ok === false && profiling) {
        const config = { label: t.label, keys: [key], signatures, rounds: 2, warmup: settings.signWarmup };
        f.notes.push(profileNote(profileProcess([join(import.meta.dirname, 'sign-worker.ts'), JSON.stringify(config)], { env: t.env, cwd: REPO })));
      }
    }
  });
}

// ------------------------------------------------------------------------------------------------
// Page weight
// ------------------------------------------------------------------------------------------------
const CODE_PAGE = '/codes/ckr_pin_incorrect/';
const KB = 1024;

function weightFigures(dist: string, source: string, baseline?: { dist: string; page: string }): void {
  const w = pageWeight(dist, CODE_PAGE);
  const box = lookupBoxScript(dist, w);
  const b: PageWeight | undefined = baseline ? pageWeight(baseline.dist, baseline.page) : undefined;
  const one = (x: number) => summarize([x]);
  const list = (weight: PageWeight) => weight.resources.map((r) => `${r.url} ${fmt(r.gzip / KB, 1)}`).join(', ');
  add({
    id: 'weight.code-page',
    name: `code page first visit (${CODE_PAGE}), HTML+CSS+JS gzip`,
    unit: 'KB',
    value: one(w.totalGzip / KB),
    ...(b ? { baseline: { name: 'plain Starlight page (its twin)', value: one(b.totalGzip / KB) }, ratio: w.totalGzip / b.totalGzip } : {}),
    budget: { on: 'value', op: '<=', limit: 60, text: '≤ 60 KB' },
    notes: [
      `from ${source}; by kind (KB gzip): ${Object.entries(w.byKind).map(([k, v]) => `${k} ${fmt(v / KB, 1)}`).join(', ')}; ${w.resources.length} files, ${fmt(w.totalBytes / KB, 1)} KB uncompressed`,
      `files: ${list(w)}`,
      ...(w.deferred.length ? [`not counted (loaded later): ${w.deferred.map((d) => `${d.url}${d.gzip ? ` ${fmt(d.gzip / KB, 1)} KB` : ''}`).join(', ')}`] : []),
      ...(b ? [`baseline page ${baseline!.page}: ${fmt(b.totalGzip / KB, 1)} KB (${list(b)})`] : []),
    ],
    detail: { ours: w, ...(b ? { baseline: b } : {}) },
  });
  add({
    id: 'weight.lookup-box',
    name: 'lookup box script (LookupForm + imports), gzip',
    unit: 'KB',
    value: one(box.gzip / KB),
    budget: { on: 'value', op: '<=', limit: 8, text: '≤ 8 KB' },
    notes: [`${box.files.map((f) => `${f.url} ${fmt(f.gzip / KB, 2)} KB (${fmt(f.bytes / KB, 1)} KB raw)`).join(', ')}`],
    detail: box,
  });
  const codesJson = join(dist, 'codes.json');
  const data = existsSync(codesJson) ? gzipSize(readFileSync(codesJson)) : 0;
  const later = lookupFirstUse(dist, w, box);
  add({
    id: 'weight.lookup-first-use',
    name: 'lookup on first use (engine + /codes.json), gzip',
    unit: 'KB',
    value: one((later.gzip + data) / KB),
    notes: [
      'fetched together when the box is first focused or typed in (at once on /lookup/?q= and the 404 page), not on page load (no budget)',
      `${later.files.map((f) => `${f.url} ${fmt(f.gzip / KB, 2)} KB (${fmt(f.bytes / KB, 1)} KB raw)`).join(', ')}${data ? `, /codes.json ${fmt(data / KB, 2)} KB` : ''}`,
    ],
  });
}

// ------------------------------------------------------------------------------------------------
// Site builds
// ------------------------------------------------------------------------------------------------
interface SizeResult {
  label: string;
  ours: BuildRun[];
  base: BuildRun[];
  /** Undefined when our first build timed out. */
  shape?: SiteShape;
  baselinePages: number;
  /** One build (run 1) of a plain Starlight site with only the twins of our layout pages (no stubs). */
  layoutBase?: BuildRun;
}

async function buildPair(label: string, contentDir: string | undefined, keepOutputs: boolean): Promise<SizeResult> {
  const dir = join(work, `build-${label}`);
  mkdirSync(dir, { recursive: true });
  const ours: BuildRun[] = [];
  const base: BuildRun[] = [];
  let shape: SiteShape | undefined;
  let baselineDir = '';
  const ourProject = writeOurProject(join(dir, 'ours-project'));
  const buildOurs = async (r: number) => {
    const run = await astroBuild({
      cwd: ourProject,
      outDir: join(dir, `ours-${r}`),
      env: { ...process.env, CKR_CACHE_DIR: join(dir, `ours-cache-${r}`), CKR_CONTENT_DIR: contentDir ?? REAL_CONTENT },
      logFile: join(dir, `ours-${r}.log`),
      timeoutMs: buildTimeoutMs,
    });
    rmSync(join(dir, `ours-cache-${r}`), { recursive: true, force: true });
    log(`  ${label} ours run ${r + 1}: ${run.timedOut ? '>' : ''}${fmt(run.ms / 1000, 1)} s, ${run.pages} pages`);
    ours.push(run);
    return run;
  };
  const buildBase = async (r: number, project = baselineDir, name = 'base') => {
    const run = await astroBuild({
      cwd: project,
      outDir: join(dir, `${name}-${r}`),
      env: { ...process.env, BENCH_CACHE_DIR: join(dir, `${name}-cache-${r}`), CKR_CACHE_DIR: undefined, CKR_CONTENT_DIR: undefined, CKR_BASE: undefined },
      logFile: join(dir, `${name}-${r}.log`),
      timeoutMs: buildTimeoutMs,
    });
    rmSync(join(dir, `${name}-cache-${r}`), { recursive: true, force: true });
    log(`  ${label} ${name === 'base' ? 'baseline' : name} run ${r + 1}: ${run.timedOut ? '>' : ''}${fmt(run.ms / 1000, 1)} s, ${run.pages} pages`);
    if (name === 'base') base.push(run);
    return run;
  };
  let layoutBase: BuildRun | undefined;
  const drop = (run: BuildRun, last: boolean) => {
    if (!(keepOutputs && last)) rmSync(run.outDir, { recursive: true, force: true });
  };

  for (let r = 0; r < buildRuns; r++) {
    const last = r === buildRuns - 1;
    if (r === 0) {
      const o = await buildOurs(r);
      if (o.timedOut) {
        // Without our output there is nothing to mirror: report the lower bound alone.
        log(`  ${label}: our build did not finish in ${buildTimeoutMs / 60_000} min; baseline skipped`);
        return { label, ours: [o], base: [], baselinePages: 0 };
      }
      shape = siteShape(o.outDir);
      baselineDir = writeBaselineProject(join(dir, 'baseline-project'), shape).dir;
      log(`  ${label}: ${shape.pages.length} HTML pages (${shape.layoutPages} with the Starlight layout), sidebar ${shape.sidebarLinks} links -> baseline project ${baselineDir}`);
      const b = await buildBase(r);
      if (shape.layoutPages < shape.pages.length) {
        const project = writeBaselineProject(join(dir, 'baseline-layout-project'), shape, (p) => p.layout).dir;
        layoutBase = await buildBase(r, project, 'layout-baseline');
        rmSync(layoutBase.outDir, { recursive: true, force: true });
      }
      const stop = !flags['all-runs'] && buildRuns > 1 && o.ms > 3 * b.ms;
      drop(o, last || stop);
      drop(b, last || stop);
      if (stop) {
        log(`  ${label}: run 1 is ${fmt(o.ms / b.ms, 1)}× its baseline (budget 1.3×): further runs skipped (--all-runs to repeat)`);
        break;
      }
      continue;
    }
    const [first, second] = r % 2 ? [buildBase, buildOurs] : [buildOurs, buildBase];
    const x = await first(r);
    const y = await second(r);
    drop(x, last);
    drop(y, last);
  }
  return { label, ours, base, shape: shape!, baselinePages: base[0]?.pages ?? 0, ...(layoutBase ? { layoutBase } : {}) };
}

/** One more build of ours under --cpu-prof: where its time goes, by package/file and by function. */
async function profileBuild(label: string, contentDir: string | undefined): Promise<string> {
  const dir = join(work, `profile-${label}`);
  mkdirSync(dir, { recursive: true });
  const run = await astroBuild({
    cwd: writeOurProject(join(dir, 'project')),
    outDir: join(dir, 'out'),
    env: { ...process.env, CKR_CACHE_DIR: join(dir, 'cache'), CKR_CONTENT_DIR: contentDir ?? REAL_CONTENT },
    logFile: join(dir, 'build.log'),
    timeoutMs: buildTimeoutMs,
    nodeArgs: ['--cpu-prof', '--cpu-prof-dir', join(dir, 'prof'), '--cpu-prof-interval', '2000'],
  });
  const files = readdirSync(join(dir, 'prof')).map((f) => join(dir, 'prof', f));
  // The main thread's profile is the largest one.
  files.sort((a, b) => statSync(b).size - statSync(a).size);
  const summary = summarizeProfile(files[0], 10);
  rmSync(dir, { recursive: true, force: true });
  return `profile of one more build of ours (${fmt(run.ms / 1000, 1)} s under --cpu-prof): ${profileNote(summary, 8)}`;
}

function phaseNote(runs: BuildRun[]): string {
  const names = [...new Set(runs.flatMap((r) => Object.keys(r.phases)))];
  const parts = names.map((n) => `${n} ${fmt(summarize(runs.map((r) => r.phases[n] ?? NaN).filter(Number.isFinite)).median / 1000, 1)} s`);
  const outside = summarize(runs.map((r) => r.ms - (r.phases['astro total'] ?? 0))).median;
  return `${parts.join(', ')}; before astro's own clock (node start, astro.config.mjs incl. sidebar) ${fmt(outside / 1000, 1)} s`;
}

function buildFigures(result: SizeResult, id: string, name: string): Figure | undefined {
  if (!result.shape) {
    const run = result.ours[0];
    add({
      id: `build.${id}`,
      name: `site build, ${name}`,
      unit: 'ms',
      value: summarize([run.ms]),
      lowerBound: true,
      budget: { on: 'ratio', op: '<=', limit: 1.3, text: '≤ 1.3×' },
      notes: [`stopped at the ${buildTimeoutMs / 60_000} min timeout (--build-timeout); phases reached: ${phaseNote([run])}; log ${run.log}`],
    });
    return undefined;
  }
  const ours = summarize(result.ours.map((r) => r.ms));
  const base = summarize(result.base.map((r) => r.ms));
  const pages = result.ours[0].pages;
  const perPage = summarize(result.ours.map((r) => r.ms / r.pages));
  const basePerPage = summarize(result.base.map((r) => r.ms / r.pages));
  const lowerBound = result.ours.some((r) => r.timedOut);
  const notes = [
    `ours: ${pages} HTML pages (${result.shape.layoutPages} with the Starlight layout, ${pages - result.shape.layoutPages} redirect stubs and the like); baseline: ${result.baselinePages} pages, all markdown with the full layout, each about the size of its twin`,
    `ours: ${phaseNote(result.ours)}`,
    `baseline: ${phaseNote(result.base)}`,
  ];
  if (result.ours.length < buildRuns) notes.push(`n=${result.ours.length}: run 1 was already ${fmt(ours.median / base.median, 1)}× its baseline, so the remaining runs were skipped (--all-runs repeats them)`);
  const main = add({
    id: `build.${id}`,
    name: `site build, ${name}`,
    unit: 'ms',
    value: ours,
    baseline: { name: `plain Starlight, ${result.baselinePages} pages`, value: base },
    ratio: ours.median / base.median,
    lowerBound,
    budget: { on: 'ratio', op: '<=', limit: 1.3, text: '≤ 1.3×' },
    notes,
    detail: { ours: result.ours, baseline: result.base },
  });
  if (result.layoutBase) {
    const lb = result.layoutBase;
    add({
      id: `build.${id}.vs-layout-pages`,
      name: `site build, ${name}, vs Starlight with only our ${result.shape.layoutPages} layout pages`,
      unit: 'ms',
      value: summarize([result.ours[0].ms]),
      baseline: { name: `plain Starlight, ${lb.pages} pages`, value: summarize([lb.ms]) },
      ratio: result.ours[0].ms / lb.ms,
      lowerBound: result.ours[0].timedOut === true,
      notes: [`information (no budget), run 1 only: a stricter baseline that leaves out our ${result.shape.pages.length - result.shape.layoutPages} redirect stubs; baseline ${phaseNote([lb])}`],
    });
  }
  add({
    id: `build.${id}.per-page`,
    name: `site build, ${name}, per page`,
    unit: 'ms/page',
    value: perPage,
    baseline: { name: 'plain Starlight', value: basePerPage },
    ratio: perPage.median / basePerPage.median,
    lowerBound,
  });
  return main;
}

let realOutput: { ours: string; base: string; basePage: string } | undefined;

if (wanted('build-real')) {
  await section('build-real', async () => {
    const r = await buildPair('real', undefined, true);
    const f = buildFigures(r, 'real', `real reference${r.shape ? ` (${r.shape.pages.length} pages)` : ''}`);
    if (f?.ok === false && profiling) f.notes.push(await profileBuild('real', undefined));
    if (!r.shape) return;
    const oursOut = r.ours[r.ours.length - 1].outDir;
    const baseOut = r.base[r.base.length - 1].outDir;
    const index = r.shape.files.indexOf(CODE_PAGE.slice(1) + 'index.html');
    realOutput = { ours: oursOut, base: baseOut, basePage: index <= 0 ? '/' : `/p/${index + 1}/` };
  });
}

if (wanted('weight')) {
  await section('weight', () => {
    if (realOutput && existsSync(realOutput.ours)) {
      weightFigures(realOutput.ours, 'this run\'s build of the real reference', existsSync(realOutput.base) ? { dist: realOutput.base, page: realOutput.basePage } : undefined);
    } else if (existsSync(join(REPO, 'dist', 'index.html'))) {
      weightFigures(join(REPO, 'dist'), 'the existing dist/ (not rebuilt in this run)');
    } else {
      log('  no build in this run and no dist/: page weight skipped');
      add({ id: 'weight.code-page', name: 'code page first visit, HTML+CSS+JS gzip', unit: 'KB', budget: { on: 'value', op: '<=', limit: 60, text: '≤ 60 KB' }, notes: ['skipped: no dist/ (run astro build, or the full benchmark)'] });
      add({ id: 'weight.lookup-box', name: 'lookup box script (LookupForm + imports), gzip', unit: 'KB', budget: { on: 'value', op: '<=', limit: 8, text: '≤ 8 KB' }, notes: ['skipped: no dist/'] });
    }
  });
}

const perPage: Record<string, { ours: BuildRun[]; base: BuildRun[] }> = {};
let profiledBuild = false;
for (const size of [1000, 5000] as const) {
  if (!wanted(`build-${size}` as Section)) continue;
  await section(`build-${size}`, async () => {
    const content = join(work, `content-${size}`);
    const s = generateSynthetic(size, content);
    log(`  synthetic reference: ${s.codes} codes (${s.added} vendor codes added), ckr-reference.md ${fmt(s.referenceBytes / 1024 / 1024, 1)} MB in ${content}`);
    const r = await buildPair(String(size), content, false);
    const f = buildFigures(r, `synthetic-${size}`, `synthetic ${size.toLocaleString('en-US')} codes${r.shape ? ` (${r.shape.pages.length} pages)` : ''}`);
    if (r.shape) perPage[size] = { ours: r.ours, base: r.base };
    // Profile the 1,000-code build (or an earlier missed size) once: it explains the 5,000 one too,
    // which would take another hour to profile.
    if (f && profiling && (f.ok === false || size === 1000) && !profiledBuild) {
      profiledBuild = true;
      f.notes.push(await profileBuild(String(size), content));
    }
    rmSync(content, { recursive: true, force: true });
  });
}
if (perPage[1000] && perPage[5000]) {
  const per = (runs: BuildRun[]) => runs.map((r) => r.ms / r.pages);
  const o1 = per(perPage[1000].ours);
  const o5 = per(perPage[5000].ours);
  const b1 = per(perPage[1000].base);
  const b5 = per(perPage[5000].base);
  const pairs = (a: number[], b: number[]) => summarize(Array.from({ length: Math.min(a.length, b.length) }, (_, i) => a[i] / b[i]));
  const value = pairs(o5, o1);
  const baseline = pairs(b5, b1);
  add({
    id: 'build.linearity',
    name: 'build ms/page at 5,000 codes ÷ ms/page at 1,000',
    unit: '×',
    value: summarize([summarize(o5).median / summarize(o1).median]),
    baseline: { name: 'plain Starlight, same page counts', value: summarize([summarize(b5).median / summarize(b1).median]) },
    ratio: summarize(o5).median / summarize(o1).median / (summarize(b5).median / summarize(b1).median),
    lowerBound: perPage[5000].ours.some((r) => r.timedOut),
    budget: { on: 'value', op: '<=', limit: 1.2, text: '≤ 1.2× (linear)' },
    notes: [`paired by run: ours ${value.samples.map((x) => fmt(x, 2)).join(', ')}; baseline ${baseline.samples.map((x) => fmt(x, 2)).join(', ')}`],
  });
}

// ------------------------------------------------------------------------------------------------
// Report
// ------------------------------------------------------------------------------------------------
const durationMs = performance.now() - started;
const results = {
  version: 1,
  mode: quick ? 'quick' : only ? `only ${[...only].join(',')}` : 'full',
  startedAt,
  durationMs: Math.round(durationMs),
  machine: { cpus: cpus().length, node: process.version, loadavgStart: loadStart, loadavgEnd: loadavg() },
  figures: figures.map(({ detail, ...f }) => ({ ...f, ...(detail !== undefined ? { detail } : {}) })),
  failures,
  details,
};
mkdirSync(join(REPO, 'bench'), { recursive: true });
writeFileSync(join(REPO, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);

const human = [
  '',
  `ckr.ref benchmark (${results.mode}; ${cpus().length} cores, load ${loadStart.map((x) => x.toFixed(1)).join(' ')} -> ${loadavg().map((x) => x.toFixed(1)).join(' ')}; ${fmt(durationMs / 1000, 1)} s)`,
  '',
  formatTable(figures),
  '',
  formatLines(figures),
  '',
  formatNotes(figures),
  ...(failures.length ? ['', `FAILED measurements (${failures.length}):`, ...failures.map((f) => `  ${f.section}: ${f.message.split('\n').join('\n    ')}`)] : []),
  '',
  `met ${figures.filter((f) => f.ok === true).length}, missed ${figures.filter((f) => f.ok === false).length}, not judged ${figures.filter((f) => f.budget && f.ok === undefined).length}; results in bench/results.json`,
  '',
].join('\n');
if (flags.json) {
  process.stderr.write(human);
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
} else {
  process.stdout.write(human);
}

if (!flags.keep) for (const dir of temps) rmSync(dir, { recursive: true, force: true });
else log(`kept: ${temps.join(' ')}`);
process.exitCode = failures.length > 0 ? 1 : 0;
