/**
 * 3. The base path: under a sub-path build every link of this site (absolute path, relative, or a full
 * URL on the site's origin) stays under the base; nothing points to `/` outside it.
 */
import type { Check, Failure } from '../types.ts';

export const basePath: Check = {
  name: 'base path',
  run({ build }) {
    const failures: Failure[] = [];
    for (const page of build.pages.values()) {
      for (const link of page.links) {
        if (link.kind === 'outside') failures.push({ page: page.url, link: link.raw, problem: `outside the base ${build.base}` });
      }
    }
    return failures;
  },
};
