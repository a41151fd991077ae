/** scripts/check-dist.ts as npm test runs it: the report format and the exit status. */
import { spawnSync } from 'node:child_process';
import { afterAll, expect, it } from 'vitest';
import { cleanSite, edit, removeSites, writeSite } from './fixture.ts';

afterAll(removeSites);

const run = (...args: string[]) => spawnSync(process.execPath, ['scripts/check-dist.ts', ...args], { encoding: 'utf8' });

it('prints usage and exits 2 without a folder', () => {
  const result = run();
  expect(result.status).toBe(2);
  expect(result.stderr).toMatch(/^usage: /);
});

it('prints each failure as page -> link: problem, a summary, and exits 1', () => {
  // The fake site has 2 codes, not this repository's 105: expected pages fail, and the broken link is reported.
  const files = cleanSite('/ckr-ref/');
  edit(files, 'lookup/index.html', (t) => t.replace('</main>', '<a href="/ckr-ref/codes/ckr_nope/#x">x</a></main>'));
  const result = run(`${writeSite(files)}:/ckr-ref/`, 'no-such-folder');
  expect(result.status).toBe(1);
  expect(result.stdout).toContain('    /ckr-ref/lookup/ -> /ckr-ref/codes/ckr_nope/#x: no file for /ckr-ref/codes/ckr_nope/\n');
  expect(result.stdout).toContain('✘ no-such-folder: no such folder (build it first)');
  expect(result.stdout).toMatch(/\ncheck-dist: 2 builds, \d+ pages, \d+ links, \d+ anchors checked, 1 external, \d+ failures \(\d+\.\d s\)\n$/);
});
