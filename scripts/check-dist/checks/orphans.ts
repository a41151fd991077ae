/**
 * 6. No orphans: every page but the 404 page and redirects is reached from the home page by following
 * `<a href>` links (breadth first).
 */
import type { Check, Failure } from '../types.ts';

export const orphans: Check = {
  name: 'no orphan pages',
  run({ build }) {
    const home = build.pages.get('index.html');
    if (!home) return [{ page: build.base, link: '', problem: 'no home page (index.html): cannot look for orphans' }];
    const seen = new Set([home.file]);
    for (const queue = [home]; queue.length > 0; ) {
      for (const link of queue.shift()!.links) {
        if (link.kind !== 'internal' || link.file === undefined || seen.has(link.file)) continue;
        if (!((link.tag === 'a' || link.tag === 'area') && link.attr === 'href') && link.attr !== 'refresh') continue;
        const next = build.pages.get(link.file);
        if (next) {
          seen.add(next.file);
          queue.push(next);
        }
      }
    }
    const failures: Failure[] = [];
    for (const page of build.pages.values()) {
      if (seen.has(page.file) || page.refresh || page.file === '404.html') continue;
      failures.push({ page: page.url, link: '', problem: 'orphan: no link leads here from the home page' });
    }
    return failures;
  },
};
