/**
 * Checks built sites: `node scripts/check-dist.ts dist dist-base:/ckr-ref/` (`folder` or
 * `folder:base`, base `/` by default). Run by `npm test` after both builds.
 *
 * Stages (scripts/check-dist/checks/, one module each), over every HTML page of each build:
 *   1. expected pages: 105 code pages showing name, short hex, padded hex and decimal; categories,
 *      contexts, hsm-cli commands, the fixed pages of src/urls.ts
 *   2. every internal link and #fragment resolves; no resource from another origin (works offline)
 *   3. under a sub-path, no link leaves the base
 *   4. short links and every meta refresh land on the right page, with rel=canonical
 *   5. context pages and code pages link to each other's sections
 *   6. no orphan pages (reachable from the home page)
 *   7. codes.json matches the registry, urls on the site's origin + base
 *   8. one <h1> and a <title> per page, no inline event handlers
 *   9. the sitemap lists every page but redirects and the 404 page, on the site's origin and base
 * Every failure is printed as `page -> link: problem`, then a summary; exit status 1 on any failure.
 * The site's origin is CKR_SITE_URL (as for the build), by default https://ckr-ref.org.
 */
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { siteConfig } from '../src/site-config.ts';
import { loadBuild } from './check-dist/build.ts';
import { repositoryReference } from './check-dist/reference.ts';
import { checkBuild, formatFailures, parseTarget } from './check-dist/run.ts';

const started = performance.now();
const targets = process.argv.slice(2).map(parseTarget);
if (targets.length === 0) {
  console.error('usage: node scripts/check-dist.ts <folder>[:<base>] ...   e.g. dist dist-base:/ckr-ref/');
  process.exit(2);
}
const reference = repositoryReference();
const totals = { pages: 0, links: 0, anchors: 0, failures: 0 };
const external = new Map<string, Set<string>>();
for (const { dir, base } of targets) {
  if (!existsSync(dir)) {
    console.log(`✘ ${dir}: no such folder (build it first)`);
    totals.failures += 1;
    continue;
  }
  const build = loadBuild(dir, base, siteConfig.site);
  const { failures, stats } = checkBuild(build, reference);
  totals.pages += build.pages.size;
  totals.links += stats.links;
  totals.anchors += stats.anchors;
  totals.failures += failures.length;
  for (const [url, pages] of stats.external) external.set(url, new Set([...(external.get(url) ?? []), ...pages]));
  console.log(`${failures.length ? '✘' : '✔'} ${dir} (base ${build.base}): ${build.pages.size} pages, ${stats.links} links, ${stats.anchors} anchors, ${failures.length} failure${failures.length === 1 ? '' : 's'}`);
  for (const check of new Set(failures.map((f) => f.check))) {
    console.log(`  ${check}:`);
    for (const line of formatFailures(failures.filter((f) => f.check === check))) console.log(`    ${line}`);
  }
}
if (external.size) {
  console.log(`external links (not followed): ${external.size}`);
  for (const [url, pages] of [...external].sort()) console.log(`  ${url} (${pages.size} page${pages.size === 1 ? '' : 's'}, e.g. ${[...pages][0]})`);
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `check-dist: ${targets.length} build${targets.length === 1 ? '' : 's'}, ${totals.pages} pages, ${totals.links} links, ` +
    `${totals.anchors} anchors checked, ${external.size} external, ${totals.failures} failure${totals.failures === 1 ? '' : 's'} (${seconds} s)`,
);
process.exitCode = totals.failures ? 1 : 0; // not process.exit(): on a pipe, output past 64 KB would be cut off
