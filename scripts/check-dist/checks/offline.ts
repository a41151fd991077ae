/**
 * 2b. The site works offline: no page loads a script, stylesheet, font, image or frame from another
 * origin, and no CSS or JS file of the build imports one (no CDN, no third-party fonts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Check, Failure, Link } from '../types.ts';

const RESOURCE_RELS = /\b(stylesheet|icon|preload|modulepreload|prefetch|preconnect|dns-prefetch|manifest)\b/;
const FOREIGN_IN_CSS = /(?:url\(\s*|@import\s+)['"]?((?:https?:)?\/\/[^'")\s;]+)/g;
const FOREIGN_IN_JS = /(?:\bimport\s*\(?|\bfrom)\s*['"]((?:https?:)?\/\/[^'"]+)['"]/g;

/** A link that makes the browser fetch something (as opposed to a link the reader may follow). */
export const isResource = (link: Link): boolean =>
  link.attr === 'src' || link.attr === 'srcset' || link.attr === 'poster' || (link.tag === 'object' && link.attr === 'data') ||
  (link.tag === 'link' && RESOURCE_RELS.test(link.rel));

export const offline: Check = {
  name: 'no third-party resources',
  run({ build }) {
    const failures: Failure[] = [];
    for (const page of build.pages.values()) {
      for (const link of page.links) {
        if (link.kind === 'external' && isResource(link)) {
          failures.push({ page: page.url, link: link.raw, problem: `<${link.tag} ${link.attr}> loads from another origin` });
        }
      }
    }
    for (const file of build.files) {
      const pattern = file.endsWith('.css') ? FOREIGN_IN_CSS : file.endsWith('.js') || file.endsWith('.mjs') ? FOREIGN_IN_JS : undefined;
      if (!pattern) continue;
      for (const match of readFileSync(join(build.dir, file), 'utf8').matchAll(pattern)) {
        failures.push({ page: build.base + file, link: match[1], problem: 'imports from another origin' });
      }
    }
    return failures;
  },
};
