/** Run every check over one build and print the report. */
import { CHECKS } from './checks/index.ts';
import type { Build, Check, Failure, Reference, Stats } from './types.ts';

/** A command-line target: `dist` or `dist-base:/ckr-ref/` (a colon followed by a slash starts the base). */
export function parseTarget(arg: string): { dir: string; base: string } {
  const at = arg.lastIndexOf(':/');
  return at > 0 ? { dir: arg.slice(0, at), base: arg.slice(at + 1) } : { dir: arg, base: '/' };
}

export interface BuildResult {
  failures: (Failure & { check: string })[];
  stats: Stats;
}

export function checkBuild(build: Build, reference: Reference, checks: readonly Check[] = CHECKS): BuildResult {
  const stats: Stats = { links: 0, anchors: 0, external: new Map() };
  const failures: BuildResult['failures'] = [];
  for (const check of checks) {
    for (const failure of check.run({ build, reference, stats })) failures.push({ ...failure, check: check.name });
  }
  return { failures, stats };
}

/**
 * `page -> link: problem` lines. The same link with the same problem on many pages (a sidebar link)
 * is printed once with the number of other pages.
 */
export function formatFailures(failures: readonly Failure[]): string[] {
  const groups = new Map<string, { failure: Failure; pages: Set<string> }>();
  for (const failure of failures) {
    const key = `${failure.link || failure.page}\u0000${failure.problem}`;
    const group = groups.get(key) ?? { failure, pages: new Set<string>() };
    groups.set(key, group);
    group.pages.add(failure.page);
  }
  return [...groups.values()].map(({ failure: f, pages }) =>
    `${f.page}${f.link ? ` -> ${f.link}` : ''}: ${f.problem}${pages.size > 1 ? ` (and ${pages.size - 1} more page${pages.size > 2 ? 's' : ''})` : ''}`,
  );
}
