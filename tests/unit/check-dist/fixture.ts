/**
 * Tiny fake dist folders for the checker: a clean two-code site (the shape the real build has: sidebar
 * on every page, code pages with facts and anchors, a context page, short-link redirects, codes.json),
 * written to a temp dir; each test breaks one thing.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ANCHORS, categoryPath, cliPath, codePath, codesJsonDocPath, codesJsonPath, contextPath, lookupPath, versionsPath, withBase } from '../../../src/urls.ts';
import { loadBuild } from '../../../scripts/check-dist/build.ts';
import { checkBuild } from '../../../scripts/check-dist/run.ts';
import type { Reference } from '../../../scripts/check-dist/types.ts';

export const SITE = 'https://ckr-ref.org';

export const reference: Reference = {
  codes: [
    { name: 'CKR_OK', value: 0, hex: '0x00000000', hexShort: '0x0', decimal: 0, category: 'success', contexts: [] },
    { name: 'CKR_PIN_INCORRECT', value: 0xa0, hex: '0x000000A0', hexShort: '0xA0', decimal: 160, category: 'pin', contexts: ['login'] },
  ],
  expectedCodes: 2,
  contexts: ['login'],
  categories: ['success', 'pin'],
  commands: ['info'],
  historical: 1,
};

/** The files of a clean site under `base`, by path inside the dist folder. */
export function cleanSite(base = '/'): Map<string, string> {
  const url = (path: string) => withBase(base, path);
  const sidebar = [
    '/', lookupPath(), versionsPath(), codesJsonDocPath(), contextPath('login'),
    ...reference.categories.map(categoryPath), ...reference.codes.map((c) => codePath(c.name)), cliPath('info'),
  ].map((path) => `<li><a href="${url(path)}">${path}</a></li>`).join('');
  const page = (title: string, body: string) =>
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"/><title>${title} | ckr.ref</title>` +
    `<link rel="stylesheet" href="${url('/_astro/site.css')}"><script type="module" src="${url('/_astro/page.js')}"></script>` +
    `<script>if (a < b && "<a href='/nowhere/'>") {}</script></head>` +
    `<body><a href="#_top">Skip</a><nav><ul>${sidebar}</ul></nav><main><h1 id="_top">${title}</h1>${body}</main></body></html>`;
  const files = new Map<string, string>();
  const put = (path: string, html: string) => files.set(path === '/' ? 'index.html' : `${path.slice(1)}index.html`, html);

  put('/', page('PKCS#11 return codes', `<form action="${url(lookupPath())}"><input name="q"></form>`));
  put(lookupPath(), page('Look up a code', ''));
  put(versionsPath(), page('Codes by spec version', '<h2 id="v1-0">v1.0</h2>'));
  put(codesJsonDocPath(), page('codes.json', `<a href="${url(codesJsonPath())}">codes.json</a>`));
  put(cliPath('info'), page('hsm-cli info', `<a href="${url(contextPath('login'))}">login</a>`));
  for (const slug of reference.categories) put(categoryPath(slug), page(slug, ''));
  for (const code of reference.codes) {
    const contexts = code.contexts.map((id) =>
      `<h2 id="${ANCHORS.context(id)}">Context: ${id}</h2><p>See <a href="${url(contextPath(id))}">the ${id} guide</a>.</p>`).join('');
    put(codePath(code.name), page(code.name,
      `<dl><dd><code>${code.hexShort}</code> · <code>${code.hex}</code></dd><dd><code>${code.decimal}</code></dd></dl>` +
      `<a href="${url(`${versionsPath()}#v1-0`)}">v1.0</a> <a href="${SITE}${url(codePath(code.name))}">share</a>` +
      `<h2 id="meaning">Meaning</h2><h2 id="causes">Causes</h2><h2 id="solutions">Solutions</h2>${contexts}<h2 id="returned-by">Returned by</h2>`));
    for (const slug of [`0x${code.value.toString(16)}`, String(code.value), code.name.toLowerCase()]) {
      put(`/${slug}/`, redirect(code.name, url(codePath(code.name))));
    }
  }
  put(contextPath('login'), page('Login', `<h2 id="codes">Codes</h2><ul>${reference.codes.filter((c) => c.contexts.includes('login'))
    .map((c) => `<li><a href="${url(codePath(c.name))}#${ANCHORS.context('login')}">${c.name}</a></li>`).join('')}</ul>` +
    `<a href="${url(codePath('CKR_OK'))}#causes">CKR_OK</a> <a href="https://docs.oasis-open.org/pkcs11/">the spec</a>`));
  files.set('404.html', page('Page not found', ''));
  const pages = [...files.keys()].filter((path) => path.endsWith('index.html')).map((path) => url(`/${path.slice(0, -'index.html'.length)}`));
  const shortPages = new Set(reference.codes.flatMap((c) => [`0x${c.value.toString(16)}`, String(c.value), c.name.toLowerCase()].map((s) => url(`/${s}/`))));
  const urlset = (urls: string[]) => `<?xml version="1.0" encoding="UTF-8"?><urlset>${urls.map((u) => `<url><loc>${SITE}${u}</loc></url>`).join('')}</urlset>`;
  files.set('sitemap-0.xml', urlset(pages.filter((p) => !shortPages.has(p))));
  files.set('sitemap-index.xml', `<?xml version="1.0" encoding="UTF-8"?><sitemapindex><sitemap><loc>${SITE}${url('/sitemap-0.xml')}</loc></sitemap></sitemapindex>`);
  files.set('_astro/site.css', 'body { background: url(../favicon.svg); }');
  files.set('_astro/page.js', 'import "./other.js";');
  files.set('favicon.svg', '<svg xmlns="http://www.w3.org/2000/svg"/>');
  files.set(codesJsonPath().slice(1), JSON.stringify({
    version: 1,
    codes: reference.codes.map(({ contexts, ...code }) => ({ ...code, url: new URL(url(codePath(code.name)), SITE).href })),
    historical: [{ name: 'CKR_OLD', value: 1 }],
  }));
  return files;
}

/** A short-link page as src/pages/[short].astro writes it. */
export function redirect(name: string, target: string): string {
  return `<!DOCTYPE html><html><head><title>${name}</title><meta http-equiv="refresh" content="0;url=${target}">` +
    `<link rel="canonical" href="${new URL(target, SITE).href}"></head><body><a href="${target}">${name}</a></body></html>`;
}

const folders: string[] = [];

/** Write a site to a new temp folder. */
export function writeSite(files: Map<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'check-dist-'));
  folders.push(dir);
  for (const [path, text] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

export function removeSites(): void {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/**
 * Build a clean site, let `change` break it, check it: the failures as `check: page -> link: problem`
 * lines (easy to read in a failed assertion), and the stats.
 */
export function check(change: (files: Map<string, string>) => void = () => {}, base = '/') {
  const files = cleanSite(base);
  change(files);
  const { failures, stats } = checkBuild(loadBuild(writeSite(files), base, SITE), reference);
  return { lines: failures.map((f) => `${f.check}: ${f.page}${f.link ? ` -> ${f.link}` : ''}: ${f.problem}`), stats };
}

/** Edit one file of the map in place. */
export function edit(files: Map<string, string>, path: string, change: (text: string) => string): void {
  const text = files.get(path);
  if (text === undefined) throw new Error(`no ${path} in the fake site`);
  files.set(path, change(text));
}
