/**
 * 4. Redirects. Every short link of every code (`/0xa0/`, `/160/`, `/ckr_pin_incorrect/`) is a page whose
 * meta refresh lands on that code's page and whose rel=canonical is the code page's URL; every other
 * meta refresh of the build lands on a real page that is not itself a redirect.
 */
import { codePath, withBase } from '../../../src/urls.ts';
import { shortLinks } from '../../../src/site/short-links.ts';
import { fileAt, pageAt } from '../build.ts';
import type { Check, Failure, Page } from '../types.ts';

export const redirects: Check = {
  name: 'short links and redirects',
  run({ build, reference }) {
    const failures: Failure[] = [];
    const fail = (page: Page, problem: string) => failures.push({ page: page.url, link: page.refresh?.raw ?? '', problem });
    /** The redirect's problem, or undefined when it lands on a page that is not a redirect. */
    const landing = (page: Page): string | undefined => {
      const target = page.refresh!;
      if (target.kind !== 'internal') return `redirects ${target.kind === 'outside' ? 'outside the base' : 'to another site'}`;
      const landed = target.file === undefined ? undefined : build.pages.get(target.file);
      if (!landed) return `redirects to ${target.path}, which is not a page`;
      if (landed.refresh) return `redirects to ${landed.url}, itself a redirect`;
      return undefined;
    };

    const short = new Set<string>();
    for (const { slug, name } of shortLinks(reference.codes)) {
      const url = withBase(build.base, `/${slug}/`);
      const page = pageAt(build, url);
      if (!page) {
        failures.push({ page: url, link: '', problem: `missing short link to ${name}` });
        continue;
      }
      short.add(page.file);
      const expected = withBase(build.base, codePath(name));
      const problem = page.refresh ? landing(page) : `no meta refresh (should redirect to ${expected})`;
      if (problem) fail(page, problem);
      else if (page.refresh!.file !== fileAt(build, expected)) fail(page, `lands on ${page.refresh!.path}, expected ${expected}`);
      const canonical = new URL(expected, build.origin).href;
      if (page.canonical !== canonical) failures.push({ page: page.url, link: page.canonical ?? '', problem: `rel=canonical should be ${canonical}` });
    }
    for (const page of build.pages.values()) {
      const problem = page.refresh && !short.has(page.file) ? landing(page) : undefined;
      if (problem) fail(page, problem);
    }
    return failures;
  },
};
