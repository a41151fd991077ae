/**
 * 2. Every internal link (href, src, srcset, action, meta refresh; relative or absolute) resolves to a
 * file of the build, and its #fragment to an id (or <a name>) of the target page. External links are
 * not followed: they are counted for the summary.
 */
import type { Check, Failure } from '../types.ts';

export const targetExists: Check = {
  name: 'link targets and anchors',
  run({ build, stats }) {
    const failures: Failure[] = [];
    for (const page of build.pages.values()) {
      for (const link of page.links) {
        if (link.kind === 'external') {
          const pages = stats.external.get(link.raw) ?? new Set();
          stats.external.set(link.raw, pages.add(page.url));
        }
        if (link.kind !== 'internal') continue;
        stats.links += 1;
        if (link.file === undefined) {
          failures.push({ page: page.url, link: link.raw, problem: `no file for ${link.path}` });
          continue;
        }
        if (!link.fragment || link.fragment === 'top') continue;
        stats.anchors += 1;
        const target = build.pages.get(link.file);
        if (!target) failures.push({ page: page.url, link: link.raw, problem: `#${link.fragment} on a non-HTML file` });
        else if (!target.ids.has(link.fragment)) failures.push({ page: page.url, link: link.raw, problem: `no id "${link.fragment}" in ${target.url}` });
      }
    }
    return failures;
  },
};
