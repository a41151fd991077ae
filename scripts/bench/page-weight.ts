/**
 * Page weight: what a first visit to one page of a built site transfers, gzip-compressed (zlib level 6,
 * the usual server setting): the HTML, every stylesheet it links (print ones too: browsers fetch them),
 * every script it loads, the modules those scripts import statically (transitively), url() assets of
 * the CSS (fonts, images), <img> and the favicon. Dynamic import() and fetch() happen later (search
 * opened, a key typed in the lookup box): they are listed apart, not counted.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { MeasurementError } from './stats.ts';

export const gzipSize = (data: Buffer | string): number => gzipSync(data, { level: 6 }).length;

export interface Resource {
  url: string;
  kind: 'html' | 'css' | 'js' | 'font' | 'image' | 'other';
  bytes: number;
  gzip: number;
  /** Who loads it: `html`, or the URL of the importing script/stylesheet. */
  from: string;
}

export interface PageWeight {
  page: string;
  resources: Resource[];
  totalGzip: number;
  totalBytes: number;
  byKind: Record<string, number>;
  /** Loaded later (dynamic import(), fetch()): not part of the first visit. */
  deferred: { url: string; from: string; gzip?: number }[];
}

const kindOf = (url: string): Resource['kind'] => {
  const path = url.split(/[?#]/)[0].toLowerCase();
  if (path.endsWith('.css')) return 'css';
  if (path.endsWith('.js') || path.endsWith('.mjs')) return 'js';
  if (/\.(woff2?|ttf|otf|eot)$/.test(path)) return 'font';
  if (/\.(svg|png|jpe?g|gif|webp|avif|ico)$/.test(path)) return 'image';
  if (path.endsWith('.html') || path.endsWith('/')) return 'html';
  return 'other';
};

const attr = (tag: string, name: string): string | undefined =>
  new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag)?.slice(1).find((v) => v !== undefined);

/** Static dependencies of an HTML page: [url, kind hint]. */
export function htmlDependencies(html: string): string[] {
  const found: string[] = [];
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = (attr(tag, 'rel') ?? '').toLowerCase().split(/\s+/);
    const href = attr(tag, 'href');
    if (!href) continue;
    if (rel.includes('stylesheet') || rel.includes('modulepreload') || rel.includes('icon') || (rel.includes('preload') && /^(font|style|script)$/.test(attr(tag, 'as') ?? ''))) {
      found.push(href);
    }
  }
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    const src = attr(tag, 'src');
    if (src) found.push(src);
  }
  for (const [tag] of html.matchAll(/<img\b[^>]*>/gi)) {
    const src = attr(tag, 'src');
    if (src && !src.startsWith('data:') && (attr(tag, 'loading') ?? '').toLowerCase() !== 'lazy') found.push(src);
  }
  return found;
}

/** Static imports of an ES module (minified or not); dynamic import() separately. */
export function jsImports(js: string): { static: string[]; dynamic: string[] } {
  const stat = new Set<string>();
  const dyn = new Set<string>();
  for (const m of js.matchAll(/(?:^|[;\s}])(?:import|export)\s*(?:[\w*${}\s,]+?\s*from\s*)?["'`]([^"'`]+)["'`]/g)) stat.add(m[1]);
  for (const m of js.matchAll(/\bimport\s*\(\s*["'`]([^"'`$]+)["'`]\s*\)/g)) dyn.add(m[1]);
  for (const d of dyn) stat.delete(d);
  return { static: [...stat], dynamic: [...dyn] };
}

export function cssDependencies(css: string): string[] {
  const found: string[] = [];
  for (const m of css.matchAll(/@import\s+(?:url\()?\s*["']?([^"')\s;]+)/g)) found.push(m[1]);
  for (const m of css.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)) if (!m[1].startsWith('data:') && !m[1].startsWith('#')) found.push(m[1]);
  return found;
}

/** Resolves `ref` (absolute path, relative, or full URL of the same site) against the URL `from`. */
function resolveUrl(ref: string, from: string): string | undefined {
  if (/^(data|mailto|javascript):/i.test(ref)) return undefined;
  const url = new URL(ref, new URL(from, 'https://site.invalid'));
  if (url.host !== 'site.invalid') return undefined; // third-party: not in the build
  return url.pathname;
}

/** The file of a site URL path inside `dist` (with `base` stripped). */
function fileOf(dist: string, base: string, pathname: string): string | undefined {
  let path = decodeURIComponent(pathname);
  if (base !== '/' && path.startsWith(base)) path = `/${path.slice(base.length)}`;
  const candidates = path.endsWith('/') ? [join(dist, path, 'index.html')] : [join(dist, path), join(dist, path, 'index.html'), join(dist, `${path}.html`)];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}

/** The first-visit weight of `pagePath` (a site path such as `/codes/ckr_pin_incorrect/`). */
export function pageWeight(dist: string, pagePath: string, base = '/'): PageWeight {
  const htmlFile = fileOf(dist, base, pagePath);
  if (!htmlFile) throw new MeasurementError(`page weight: ${pagePath} not found in ${dist}`);
  const resources: Resource[] = [];
  const deferred: PageWeight['deferred'] = [];
  const seen = new Set<string>();
  const html = readFileSync(htmlFile);
  resources.push({ url: pagePath, kind: 'html', bytes: html.length, gzip: gzipSize(html), from: '' });
  const queue: { url: string; from: string }[] = [];
  const enqueue = (ref: string, from: string) => {
    const url = resolveUrl(ref, from);
    if (url && !seen.has(url)) {
      seen.add(url);
      queue.push({ url, from });
    }
  };
  for (const ref of htmlDependencies(html.toString())) enqueue(ref, pagePath);
  while (queue.length > 0) {
    const { url, from } = queue.shift()!;
    const file = fileOf(dist, base, url);
    if (!file) throw new MeasurementError(`page weight: ${url} (loaded by ${from || pagePath}) is not in ${dist}`);
    const data = readFileSync(file);
    const kind = kindOf(url);
    resources.push({ url, kind, bytes: data.length, gzip: gzipSize(data), from: from === pagePath ? 'html' : from });
    if (kind === 'js') {
      const { static: imports, dynamic } = jsImports(data.toString());
      for (const ref of imports) enqueue(ref, url);
      for (const ref of dynamic) {
        const target = resolveUrl(ref, url);
        const targetFile = target ? fileOf(dist, base, target) : undefined;
        deferred.push({ url: target ?? ref, from: url, ...(targetFile ? { gzip: gzipSize(readFileSync(targetFile)) } : {}) });
      }
    } else if (kind === 'css') {
      for (const ref of cssDependencies(data.toString())) enqueue(ref, url);
    }
  }
  const byKind: Record<string, number> = {};
  for (const r of resources) byKind[r.kind] = (byKind[r.kind] ?? 0) + r.gzip;
  return {
    page: pagePath,
    resources,
    totalGzip: resources.reduce((n, r) => n + r.gzip, 0),
    totalBytes: resources.reduce((n, r) => n + r.bytes, 0),
    byKind,
    deferred,
  };
}

/**
 * The lookup box script: the module script of LookupForm (Astro names its chunk after the component)
 * plus its static imports, transitively; gzip each and sum.
 */
export function lookupBoxScript(dist: string, weight: PageWeight, base = '/'): { entry: string; files: { url: string; gzip: number; bytes: number }[]; gzip: number; bytes: number } {
  const js = weight.resources.filter((r) => r.kind === 'js');
  const entry = js.find((r) => /LookupForm/i.test(r.url)) ?? js.find((r) => /lookup/i.test(r.url) && r.from === 'html');
  if (!entry) throw new MeasurementError(`lookup box script: no LookupForm script on ${weight.page} (scripts: ${js.map((r) => r.url).join(', ')})`);
  // Every module the entry imports statically, even one the page loaded first for another script.
  const closure = new Set([entry.url]);
  for (const queue = [entry.url]; queue.length > 0; ) {
    const url = queue.shift()!;
    const file = fileOf(dist, base, url);
    if (!file) throw new MeasurementError(`lookup box script: ${url} is not in ${dist}`);
    for (const ref of jsImports(readFileSync(file).toString()).static) {
      const next = resolveUrl(ref, url);
      if (next && !closure.has(next)) {
        closure.add(next);
        queue.push(next);
      }
    }
  }
  const files = js.filter((r) => closure.has(r.url)).map(({ url, gzip, bytes }) => ({ url, gzip, bytes }));
  return { entry: entry.url, files, gzip: files.reduce((n, f) => n + f.gzip, 0), bytes: files.reduce((n, f) => n + f.bytes, 0) };
}

/**
 * What the lookup box loads on first use: the chunks its scripts import dynamically (the engine) with
 * their static imports not already on the page, gzip each. codes.json is counted by the caller.
 */
export function lookupFirstUse(dist: string, weight: PageWeight, box: ReturnType<typeof lookupBoxScript>, base = '/'): { files: { url: string; gzip: number; bytes: number }[]; gzip: number } {
  const loaded = new Set(weight.resources.map((r) => r.url));
  const inBox = new Set(box.files.map((f) => f.url));
  const files: { url: string; gzip: number; bytes: number }[] = [];
  const queue = weight.deferred.filter((d) => inBox.has(d.from)).map((d) => d.url);
  while (queue.length > 0) {
    const url = queue.shift()!;
    if (loaded.has(url)) continue;
    loaded.add(url);
    const file = fileOf(dist, base, url);
    if (!file) throw new MeasurementError(`lookup first use: ${url} is not in ${dist}`);
    const data = readFileSync(file);
    files.push({ url, gzip: gzipSize(data), bytes: data.length });
    for (const ref of jsImports(data.toString()).static) {
      const next = resolveUrl(ref, url);
      if (next) queue.push(next);
    }
  }
  return { files, gzip: files.reduce((n, f) => n + f.gzip, 0) };
}

/** All HTML files under `dir` (relative paths). */
export function htmlFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (sub: string) => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else if (entry.name.endsWith('.html')) out.push(rel);
    }
  };
  walk('');
  return out;
}
