/**
 * 8. Every page has a non-empty <title> and exactly one <h1> (redirect stubs have none: they only hold
 * a refresh and a link), and no inline event handler attribute or javascript: URL (the CSP forbids both).
 */
import type { Check, Failure } from '../types.ts';

export const pageStructure: Check = {
  name: 'page structure',
  run({ build }) {
    const failures: Failure[] = [];
    for (const page of build.pages.values()) {
      const fail = (link: string, problem: string) => failures.push({ page: page.url, link, problem });
      if (!page.title) fail('', page.title === undefined ? 'no <title>' : 'empty <title>');
      if (page.h1 !== 1 && !page.refresh) fail('', `${page.h1} <h1> elements, expected 1`);
      for (const handler of page.handlers) fail('', `inline event handler <${handler}>`);
      for (const link of page.links) if (/^\s*javascript:/i.test(link.raw)) fail(link.raw, 'javascript: URL');
    }
    return failures;
  },
};
