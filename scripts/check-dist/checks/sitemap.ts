/**
 * 9. Sitemap. sitemap-index.xml lists sitemaps of this build; their <loc> URLs are on the site's origin
 * and base, each lands on a page that is not a redirect (the short links stay out), and every page but
 * the 404 page and redirects is listed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileAt } from '../build.ts';
import type { Build, Check, Failure } from '../types.ts';

const INDEX = 'sitemap-index.xml';

const locs = (xml: string): string[] => [...xml.matchAll(/<loc>\s*([^<]*?)\s*<\/loc>/g)].map((m) => m[1].replace(/&amp;/g, '&'));

/** The build file a sitemap URL stands for, or the problem with it. */
function fileOf(build: Build, url: string): { file: string } | { problem: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { problem: 'not a URL' };
  }
  if (parsed.origin !== build.origin) return { problem: `not on the site's origin ${build.origin}` };
  const file = fileAt(build, decodeURIComponent(parsed.pathname));
  return file === undefined ? { problem: 'no such file in the build' } : { file };
}

export const sitemap: Check = {
  name: 'sitemap',
  run({ build }) {
    const failures: Failure[] = [];
    const indexUrl = new URL(`${build.base}${INDEX}`, build.origin).href;
    if (!build.files.has(INDEX)) return [{ page: `${build.base}${INDEX}`, link: '', problem: 'no sitemap index' }];
    const listed = new Set<string>();
    for (const sitemapUrl of locs(readFileSync(join(build.dir, INDEX), 'utf8'))) {
      const sitemapFile = fileOf(build, sitemapUrl);
      if ('problem' in sitemapFile) {
        failures.push({ page: indexUrl, link: sitemapUrl, problem: sitemapFile.problem });
        continue;
      }
      for (const url of locs(readFileSync(join(build.dir, sitemapFile.file), 'utf8'))) {
        const target = fileOf(build, url);
        const page = 'file' in target ? build.pages.get(target.file) : undefined;
        if ('problem' in target) failures.push({ page: sitemapUrl, link: url, problem: target.problem });
        else if (!page) failures.push({ page: sitemapUrl, link: url, problem: 'not an HTML page' });
        else if (page.refresh) failures.push({ page: sitemapUrl, link: url, problem: 'a redirect page (keep redirects out of the sitemap)' });
        else listed.add(page.file);
      }
    }
    for (const page of build.pages.values()) {
      if (page.refresh || page.file === '404.html' || listed.has(page.file)) continue;
      failures.push({ page: page.url, link: '', problem: 'not in the sitemap' });
    }
    return failures;
  },
};
