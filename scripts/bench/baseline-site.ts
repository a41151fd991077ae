/**
 * The build baseline: a plain Starlight project (astro.config.mjs with starlight({ title, sidebar }),
 * src/content.config.ts with docsLoader/docsSchema, markdown pages in src/content/docs) generated in a
 * temp dir and built with the same astro as ours: its node_modules is /work/main/node_modules, hard-linked
 * (`cp -al`, no install, no extra disk). A symlink does not work: astro 7 then sees its own components
 * outside the project root and fails ("No cached compile metadata found for .../Page.astro?astro&type=style").
 * The caches (.astro, .vite, .cache) are not linked, so the baseline build can never write into ours.
 *
 * It mirrors the site it is compared with, page for page: one markdown page per HTML page we emit
 * (Starlight's own 404 page counts as one), each with about the visible text, headings, list items and
 * code blocks of its twin, and a sidebar with as many links as ours. Our redirect stubs (short links)
 * thus become tiny Starlight pages, which still render the full layout.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PageShape, SiteShape } from './site.ts';
import { REAL_CONTENT, REPO } from './synthetic.ts';
import { seededRandom } from '../../src/lookup/corpus.ts';
import { linkNodeModules } from './project.ts';

let vocabulary: string[] | undefined;
/** Words of the real reference, so the baseline's text (and its search index) looks like ours. */
function words(): string[] {
  vocabulary ??= [...new Set(readFileSync(join(REAL_CONTENT, 'ckr-reference.md'), 'utf8').match(/[A-Za-z][a-z]{2,}/g) ?? [])];
  return vocabulary;
}

function sentence(r: () => number, chars: number): string {
  const pool = words();
  const out: string[] = [];
  let length = 0;
  while (length < chars) {
    const w = pool[Math.floor(r() * pool.length)];
    out.push(w);
    length += w.length + 1;
  }
  const text = out.join(' ');
  return `${text[0].toUpperCase()}${text.slice(1)}.`;
}

const SHELL = ['hsm-cli list-slots', 'hsm-cli info', 'hsm-cli list-objects --label TOKEN --detailed', 'pkcs11-tool --module /usr/lib/softhsm/libsofthsm2.so -L', 'export HSM_USER_PIN=...', 'softhsm2-util --show-slots'];

/** A markdown page with about the shape of its twin. */
export function baselinePage(i: number, shape: PageShape): string {
  const r = seededRandom(i * 7919 + 1);
  const sections: string[][] = Array.from({ length: Math.max(1, shape.headings) }, () => []);
  // Text: list items of ~90 chars, the rest in paragraphs of ~350 chars.
  let text = Math.max(20, shape.textBytes);
  const items = Math.min(shape.listItems, Math.floor(text / 90));
  for (let k = 0; k < items; k++) {
    const s = sections[k % sections.length];
    s.push(`- ${sentence(r, 80)}`);
    text -= 90;
  }
  let p = 0;
  while (text > 0) {
    const n = Math.min(350, text);
    sections[p++ % sections.length].push(`\n${sentence(r, n)}\n`);
    text -= n + 2;
  }
  const perBlock = shape.codeBlocks ? Math.max(20, Math.round(shape.codeChars / shape.codeBlocks)) : 0;
  for (let k = 0; k < shape.codeBlocks; k++) {
    const lines: string[] = [];
    let length = 0;
    while (length < perBlock) {
      const line = SHELL[Math.floor(r() * SHELL.length)];
      lines.push(line);
      length += line.length + 1;
    }
    sections[k % sections.length].push(`\n\`\`\`bash\n${lines.join('\n')}\n\`\`\`\n`);
  }
  const body = sections
    .map((s, k) => `${shape.headings > 0 ? `## ${sentence(r, 18).slice(0, -1)} ${k + 1}\n\n` : ''}${s.join('\n')}`)
    .join('\n\n');
  return `---\ntitle: Page ${i}\ndescription: ${sentence(r, 60)}\n---\n\n${body}\n`;
}

export interface BaselineProject {
  dir: string;
  markdownPages: number;
}

/**
 * Writes the project: `shape.pages.length - 1` markdown pages (+ Starlight's 404 = as many HTML pages as
 * ours), the twin of our home page as the index.
 */
export function writeBaselineProject(dir: string, shape: SiteShape, pick?: (page: PageShape) => boolean): BaselineProject {
  rmSync(dir, { recursive: true, force: true });
  const docs = join(dir, 'src', 'content', 'docs');
  mkdirSync(join(docs, 'p'), { recursive: true });
  // Starlight links /favicon.svg from every page; a new Starlight project ships one in public/.
  mkdirSync(join(dir, 'public'));
  const favicon = join(REPO, 'public', 'favicon.svg');
  if (existsSync(favicon)) copyFileSync(favicon, join(dir, 'public', 'favicon.svg'));
  else writeFileSync(join(dir, 'public', 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>');
  // Only some of our pages (e.g. those with the Starlight layout), when `pick` says so.
  const shapes = pick ? shape.pages.filter(pick) : shape.pages;
  linkNodeModules(join(dir, 'node_modules'));
  // The dependencies are declared (never installed): astro reads them to bundle Starlight into the
  // prerender chunks; without them it leaves @astrojs/starlight external and rendering fails on astro:content.
  const version = (pkg: string) => (JSON.parse(readFileSync(join(REPO, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
  const manifest = { name: 'starlight-baseline', private: true, type: 'module', dependencies: { astro: version('astro'), '@astrojs/starlight': version('@astrojs/starlight') } };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const pages = shapes.length - 1;
  const linkCount = Math.min(pages, Math.max(1, shape.sidebarLinks));
  const perGroup = 25;
  const groups = [];
  for (let start = 1; start <= linkCount; start += perGroup) {
    const items = [];
    for (let k = start; k < Math.min(start + perGroup, linkCount + 1); k++) items.push({ label: `Page ${k}`, link: k === 1 ? '/' : `/p/${k}/` });
    groups.push({ label: `Group ${groups.length + 1}`, items });
  }
  writeFileSync(
    join(dir, 'astro.config.mjs'),
    `// Generated by scripts/bench/baseline-site.ts: a plain Starlight site.
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';

export default defineConfig({
  site: 'https://baseline.invalid',
  // A private cache (never /work/main/node_modules/.astro or .vite through the symlink).
  ...(process.env.BENCH_CACHE_DIR ? { cacheDir: process.env.BENCH_CACHE_DIR } : {}),
  vite: {
    ...(process.env.BENCH_CACHE_DIR ? { cacheDir: process.env.BENCH_CACHE_DIR + '/vite' } : {}),
  },
  integrations: [starlight({ title: 'Baseline', sidebar: ${JSON.stringify(groups)} })],
});
`,
  );
  writeFileSync(
    join(dir, 'src', 'content.config.ts'),
    `import { defineCollection } from 'astro:content';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema } from '@astrojs/starlight/schema';

export const collections = { docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }) };
`,
  );
  // Page 1 is the index; the shapes are used in order (ours sorted by path: codes, stubs... mixed).
  for (let i = 1; i <= pages; i++) {
    const file = i === 1 ? join(docs, 'index.md') : join(docs, 'p', `${i}.md`);
    writeFileSync(file, baselinePage(i, shapes[i - 1]));
  }
  return { dir, markdownPages: pages };
}
