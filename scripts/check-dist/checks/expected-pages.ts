/**
 * 1. The pages the reference implies: one per code (exactly, and showing its name, short hex, padded
 * hex and decimal), one per category with codes, per context and per hsm-cli command, and the fixed
 * pages of src/urls.ts.
 */
import { categoryPath, cliPath, codePath, codesJsonDocPath, codesJsonPath, contextPath, lookupPath, versionsPath, withBase } from '../../../src/urls.ts';
import { fileAt, pageAt } from '../build.ts';
import { hasToken, textContent } from '../html.ts';
import type { Check, Failure } from '../types.ts';

export const expectedPages: Check = {
  name: 'expected pages',
  run({ build, reference }) {
    const failures: Failure[] = [];
    const url = (path: string) => withBase(build.base, path);
    const missing = (path: string, what: string) => {
      if (!fileAt(build, url(path))) failures.push({ page: url(path), link: '', problem: `missing ${what}` });
    };

    if (reference.codes.length !== reference.expectedCodes) {
      failures.push({ page: 'content/ckr-values.tsv', link: '', problem: `has ${reference.codes.length} codes, expected ${reference.expectedCodes}` });
    }
    const codePages = new Set(reference.codes.map((code) => `${url(codePath(code.name)).slice(build.base.length)}index.html`));
    for (const code of reference.codes) {
      const page = pageAt(build, url(codePath(code.name)));
      if (!page) {
        failures.push({ page: url(codePath(code.name)), link: '', problem: `missing the page of ${code.name}` });
        continue;
      }
      const main = page.html.search(/<main[\s>]/i);
      const text = textContent(main < 0 ? page.html : page.html.slice(main, page.html.lastIndexOf('</main>')));
      const facts: [string, string][] = [['name', code.name], ['short hex', code.hexShort], ['padded hex', code.hex], ['decimal', String(code.decimal)]];
      for (const [what, value] of facts) {
        if (!hasToken(text, value)) failures.push({ page: page.url, link: '', problem: `does not show its ${what} ${value}` });
      }
    }
    const found = [...build.files].filter((file) => /^codes\/[^/]+\/index\.html$/.test(file));
    for (const file of found) {
      if (!codePages.has(file)) failures.push({ page: build.base + file.slice(0, -'index.html'.length), link: '', problem: 'code page for a code not in content/ckr-values.tsv' });
    }
    if (found.length !== reference.expectedCodes) {
      failures.push({ page: url('/codes/'), link: '', problem: `${found.length} code pages, expected ${reference.expectedCodes}` });
    }

    for (const slug of reference.categories) missing(categoryPath(slug), `the page of category ${slug}`);
    for (const id of reference.contexts) missing(contextPath(id), `the page of context ${id}`);
    for (const name of reference.commands) missing(cliPath(name), `the page of hsm-cli ${name}`);
    for (const path of ['/', lookupPath(), versionsPath(), codesJsonPath(), codesJsonDocPath()]) missing(path, 'a page src/urls.ts defines');
    return failures;
  },
};
