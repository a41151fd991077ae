/**
 * `npm test`: every check, in the order that fails fastest, then one closing line
 * `N passed, N failed` over all test runners.
 *
 *   1. unit tests (vitest project `unit`: parser, validator, lookup, site helpers)
 *   2. the reference validates (npm run validate)
 *   3. types: `astro check` (TypeScript strict over .astro, src, scripts and tests; tsconfig.json)
 *   4. the site builds at the root and under a sub-path (CKR_BASE=/ckr-ref/ -> dist-base/)
 *   5. checks over both builds (scripts/check-dist.ts: pages, values, links, anchors, redirects, sitemap)
 *   6. CLI tests against a real SoftHSM2 token (vitest project `cli`)
 *   7. end-to-end tests in Debian's chromium (Playwright)
 *   8. a smoke run of the benchmark (npm run bench -- --quick)
 *
 * `npm test -- --only unit,cli` runs a subset (names: unit validate types build dist cli e2e bench).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const STEPS = ['unit', 'validate', 'types', 'build', 'dist', 'cli', 'e2e', 'bench'] as const;
type Step = (typeof STEPS)[number];
const onlyArg = process.argv.indexOf('--only');
const only = onlyArg >= 0 ? new Set(process.argv[onlyArg + 1]?.split(',')) : undefined;
const wanted = (step: Step) => !only || only.has(step);

mkdirSync('test-results', { recursive: true });
const counts = { passed: 0, failed: 0, skipped: 0 };

function run(title: string, command: string, args: string[], env: Record<string, string> = {}): boolean {
  console.log(`\n▶ ${title}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = result.status === 0;
  console.log(`${ok ? '✔' : '✘'} ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return ok;
}

/** Count a vitest JSON report into the totals. */
function countVitest(file: string): void {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
  counts.passed += report.numPassedTests;
  counts.failed += report.numFailedTests;
  counts.skipped += report.numPendingTests + report.numTodoTests;
}

/** Count a Playwright JSON report into the totals. */
function countPlaywright(file: string): void {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } };
  counts.passed += report.stats.expected + report.stats.flaky;
  counts.failed += report.stats.unexpected;
  counts.skipped += report.stats.skipped;
}

const npx = 'npx';
let ok = true;
const step = (name: Step, body: () => boolean) => {
  if (ok && wanted(name)) ok = body();
};

step('unit', () => {
  const passed = run('unit tests', npx, ['vitest', 'run', '--project', 'unit', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/unit.json']);
  countVitest('test-results/unit.json');
  return passed;
});
step('validate', () => run('reference validates', 'node', ['scripts/validate.ts']));
step('types', () => {
  const passed = run('types (astro check)', npx, ['astro', 'check']);
  if (passed) counts.passed += 1;
  else counts.failed += 1;
  return passed;
});
step('build', () =>
  run('site build (root)', npx, ['astro', 'build']) &&
  run('site build (sub-path /ckr-ref/)', npx, ['astro', 'build', '--outDir', 'dist-base'], { CKR_BASE: '/ckr-ref/' }),
);
step('dist', () => {
  const passed = run('checks over dist/ and dist-base/', 'node', ['scripts/check-dist.ts', 'dist', 'dist-base:/ckr-ref/']);
  if (passed) counts.passed += 1;
  else counts.failed += 1;
  return passed;
});
step('cli', () => {
  const passed = run('CLI on SoftHSM2', npx, ['vitest', 'run', '--project', 'cli', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/cli.json']);
  countVitest('test-results/cli.json');
  return passed;
});
step('e2e', () => {
  const passed = run('end-to-end (chromium)', npx, ['playwright', 'test']);
  countPlaywright('test-results/e2e.json');
  return passed;
});
step('bench', () => {
  const passed = run('benchmark smoke run', 'node', ['scripts/bench/main.ts', '--quick']);
  if (passed) counts.passed += 1;
  else counts.failed += 1;
  return passed;
});

if (!ok && counts.failed === 0) counts.failed = 1;
console.log(`\n${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`);
process.exit(ok ? 0 : 1);
