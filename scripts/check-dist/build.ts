/**
 * The build model: every file of a dist folder and, for each HTML page, its ids, links (resolved
 * against the page URL, the base and the site's origin), h1 count, title, redirect and canonical.
 * Built once per folder; the checks only read it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { scanTags, type Attributes } from './html.ts';
import type { Build, Link, Page } from './types.ts';

/** `/ckr-ref` or `ckr-ref/` -> `/ckr-ref/`. */
export function normaliseBase(base: string): string {
  const trimmed = base.replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

/** Files a URL path may be served from, in order: `a/` -> `a/index.html`, `a.html`; `a` -> `a`, `a/index.html`, `a.html`. */
function candidates(rel: string): string[] {
  if (rel === '') return ['index.html'];
  if (rel.endsWith('/')) return [`${rel}index.html`, `${rel.slice(0, -1)}.html`];
  return [rel, `${rel}/index.html`, `${rel}.html`];
}

/** The file of the build a URL path (with the base) resolves to, undefined when none does. */
export function fileAt(build: Pick<Build, 'base' | 'files'>, path: string): string | undefined {
  const root = build.base.slice(0, -1);
  if (path !== root && !path.startsWith(build.base)) return undefined;
  return candidates(path.slice(build.base.length)).find((file) => build.files.has(file));
}

/** The page a URL path (with the base) resolves to. */
export function pageAt(build: Build, path: string): Page | undefined {
  const file = fileAt(build, path);
  return file === undefined ? undefined : build.pages.get(file);
}

const safeDecode = (text: string) => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

/** Resolve a URL written in the page at `pageUrl`. */
export function resolveLink(
  build: Pick<Build, 'base' | 'files' | 'origin'>,
  pageUrl: string,
  raw: string,
  source: { tag: string; attr: string; rel?: string; inMain?: boolean },
): Link {
  const link: Link = {
    raw, tag: source.tag, attr: source.attr, rel: source.rel ?? '', kind: 'other', path: '', fragment: '', file: undefined, inMain: source.inMain ?? false,
  };
  let url: URL;
  try {
    url = new URL(raw, build.origin + pageUrl);
  } catch {
    return link;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return link;
  if (url.origin !== build.origin) return { ...link, kind: 'external' };
  link.path = safeDecode(url.pathname);
  link.fragment = safeDecode(url.hash.slice(1));
  if (link.path !== build.base.slice(0, -1) && !link.path.startsWith(build.base)) return { ...link, kind: 'outside' };
  return { ...link, kind: 'internal', file: fileAt(build, link.path) };
}

/** `content="0;url=/codes/x/"` -> `/codes/x/`. */
export function refreshTarget(content: string): string | undefined {
  const match = /^\s*\d*(?:\.\d*)?\s*[;,]?\s*(?:url\s*=\s*)?(['"]?)(.*)\1\s*$/i.exec(content);
  return match && match[2] ? match[2].trim() : undefined;
}

const URL_ATTRIBUTES = ['href', 'src', 'action', 'data', 'poster', 'xlink:href'];

/** Scan one page. */
export function readPage(build: Pick<Build, 'base' | 'files' | 'origin'>, file: string, html: string): Page {
  const url = build.base + (file === 'index.html' ? '' : file.endsWith('/index.html') ? file.slice(0, -'index.html'.length) : file);
  const page: Page = { url, file, html, ids: new Set(), links: [], h1: 0, title: undefined, refresh: undefined, canonical: undefined, handlers: [] };
  const mainStart = html.search(/<main[\s>]/i);
  const mainEnd = html.lastIndexOf('</main>');
  let inMain = false;
  const add = (raw: string, tag: string, attr: string, rel: string) => {
    const link = resolveLink(build, url, raw.trim(), { tag, attr, rel, inMain });
    page.links.push(link);
    return link;
  };
  scanTags(html, (tag: string, attributes: Attributes, text: string, at: number) => {
    inMain = mainStart >= 0 && at > mainStart && at < mainEnd;
    const id = attributes.get('id');
    if (id) page.ids.add(id);
    if (tag === 'a' && attributes.get('name')) page.ids.add(attributes.get('name')!);
    if (tag === 'h1') page.h1 += 1;
    if (tag === 'title' && page.title === undefined) page.title = text.trim();
    const rel = (attributes.get('rel') ?? '').toLowerCase();
    for (const attr of URL_ATTRIBUTES) {
      const value = attributes.get(attr);
      if (value !== undefined && value.trim() !== '') add(value, tag, attr, rel);
    }
    const srcset = attributes.get('srcset');
    if (srcset) for (const candidate of srcset.split(',')) if (candidate.trim()) add(candidate.trim().split(/\s+/)[0], tag, 'srcset', rel);
    if (tag === 'link' && rel.split(/\s+/).includes('canonical')) page.canonical = attributes.get('href');
    if (tag === 'meta' && attributes.get('http-equiv')?.toLowerCase() === 'refresh') {
      const target = refreshTarget(attributes.get('content') ?? '');
      if (target !== undefined && page.refresh === undefined) page.refresh = add(target, 'meta', 'refresh', '');
    }
    for (const name of attributes.keys()) if (/^on[a-z]+$/.test(name)) page.handlers.push(`${tag} ${name}`);
  });
  return page;
}

/** Read a dist folder. `site` is the URL the site is published at (only its origin counts). */
export function loadBuild(dir: string, base: string, site: string): Build {
  const build: Build = { dir, base: normaliseBase(base), origin: new URL(site).origin, files: new Set(), pages: new Map() };
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) build.files.add(relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'));
  }
  for (const file of build.files) {
    if (file.endsWith('.html')) build.pages.set(file, readPage(build, file, readFileSync(join(dir, file), 'utf8')));
  }
  return build;
}
