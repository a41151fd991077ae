/**
 * Private project folders for the build benchmark. Astro writes more than its cache dir inside the
 * project root (e.g. `.astro/.prerender/` chunks between its two build phases), so two builds of one
 * project at once break each other. Every build of ours therefore runs in its own copy of the project
 * files, and the baseline in its own generated project; both share /work/main/node_modules by hard links.
 */
import { cpSync, mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO } from './synthetic.ts';

/** What `astro build` of our site reads from the repository (content/ comes through CKR_CONTENT_DIR). */
const OUR_PROJECT_FILES = ['package.json', 'astro.config.mjs', 'src', 'public'];

/**
 * /work/main/node_modules hard-linked into `target` with the caches left out (.astro, .vite, .cache: a
 * build never reads or writes ours), or a symlink if hard links fail. A symlink alone does not work for
 * astro 7: it then sees its own components outside the project root and fails.
 */
export function linkNodeModules(target: string): void {
  const source = join(REPO, 'node_modules');
  mkdirSync(target, { recursive: true });
  const entries = readdirSync(source).filter((e) => !['.astro', '.vite', '.cache'].includes(e));
  const result = spawnSync('cp', ['-al', ...entries.map((e) => join(source, e)), target], { stdio: ['ignore', 'ignore', 'pipe'] });
  if (result.status !== 0) {
    rmSync(target, { recursive: true, force: true });
    symlinkSync(source, target, 'dir');
  }
}

/** A copy of our site's project at `dir` (sources copied, node_modules linked); returns `dir`. */
export function writeOurProject(dir: string): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const entry of OUR_PROJECT_FILES) cpSync(join(REPO, entry), join(dir, entry), { recursive: true });
  linkNodeModules(join(dir, 'node_modules'));
  return dir;
}
