/**
 * Site builds: `astro build` of our site (real or synthetic content) and of a plain Starlight baseline
 * with the same number of pages, built with the same astro from /work/main/node_modules.
 *
 * Every build gets a fresh, private cache dir (CKR_CACHE_DIR for ours, cacheDir in the baseline's
 * config), so runs are cold and equal, and runs in a private project folder (project.ts): astro writes
 * `.astro/.prerender/` in the project root whatever the cache dir, so builds in /work/main would collide
 * with any other build of the tree.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { REPO } from './synthetic.ts';
import { htmlFiles } from './page-weight.ts';
import { MeasurementError } from './stats.ts';

export const ASTRO_BIN = join(REPO, 'node_modules', 'astro', 'bin', 'astro.mjs');

export interface BuildRun {
  ms: number;
  pages: number;
  /** Astro's own phase timings from its log (ms): sync, vite, routes, pagefind, astro-total. */
  phases: Record<string, number>;
  log: string;
  outDir: string;
  /** Stopped at the timeout: `ms` is a lower bound. */
  timedOut?: boolean;
}

// eslint-disable-next-line no-control-regex
const stripAnsi = (s: string) => s.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');

/** `636ms`, `3.41s`, `1m 20s` -> ms. */
const DURATION = String.raw`((?:\d+m\s*)?[\d.]+(?:ms|s))`;
export function durationMs(text: string): number {
  const m = /^(?:(\d+)m\s*)?([\d.]+)(ms|s)$/.exec(text.trim());
  if (!m) return NaN;
  return (m[1] ? Number(m[1]) * 60_000 : 0) + Number(m[2]) * (m[3] === 'ms' ? 1 : 1000);
}

/** Astro's phase lines -> ms. */
export function parsePhases(log: string): Record<string, number> {
  const text = stripAnsi(log);
  const phases: Record<string, number> = {};
  const m = (re: RegExp) => re.exec(text);
  let x = m(new RegExp(String.raw`\[types\] Generated ${DURATION}`));
  if (x) phases['content sync + types'] = durationMs(x[1]);
  const vite = [...text.matchAll(new RegExp(String.raw`\[vite\] ✓ built in ${DURATION}`, 'g'))].map((v) => durationMs(v[1]));
  if (vite.length) phases['vite bundles'] = vite.reduce((a, b) => a + b, 0);
  x = m(new RegExp(String.raw`generating static routes[\s\S]*?✓ Completed in ${DURATION}`));
  if (x) phases['render pages'] = durationMs(x[1]);
  x = m(new RegExp(String.raw`Finished building search index in ${DURATION}`));
  if (x) phases.pagefind = durationMs(x[1]);
  x = m(new RegExp(String.raw`page\(s\) built in ${DURATION}`));
  if (x) phases['astro total'] = durationMs(x[1]);
  return phases;
}

export interface AstroBuildOptions {
  cwd: string;
  outDir: string;
  env: Record<string, string | undefined>;
  logFile: string;
  timeoutMs: number;
  /** Extra node options (e.g. --cpu-prof). */
  nodeArgs?: string[];
}

/** One `astro build`, timed (wall clock of the whole process, config loading included). */
export function astroBuild({ cwd, outDir, env, logFile, timeoutMs, nodeArgs = [] }: AstroBuildOptions): Promise<BuildRun> {
  rmSync(outDir, { recursive: true, force: true });
  return new Promise((resolvePromise, reject) => {
    const log = createWriteStream(logFile);
    const chunks: string[] = [];
    const started = performance.now();
    const child = spawn(process.execPath, [...nodeArgs, ASTRO_BIN, 'build', '--outDir', outDir], {
      cwd,
      env: { ...env, PATH: `${join(REPO, 'node_modules', '.bin')}:${env.PATH ?? ''}`, FORCE_COLOR: '0', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, timeoutMs);
    const collect = (data: Buffer) => {
      const text = data.toString();
      chunks.push(text);
      log.write(text);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new MeasurementError(`astro build in ${cwd}: ${e.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const ms = performance.now() - started;
      log.end();
      const text = chunks.join('');
      if (timedOut) {
        resolvePromise({ ms, pages: 0, phases: parsePhases(text), log: logFile, outDir, timedOut: true });
        return;
      }
      if (code !== 0) {
        const tail = stripAnsi(text).trim().split('\n').filter((l) => !/[├└]─/.test(l)).slice(-20).join('\n');
        reject(new MeasurementError(`astro build in ${cwd} exited ${code ?? signal} (log: ${logFile}):\n${tail}`));
        return;
      }
      if (!existsSync(outDir)) {
        reject(new MeasurementError(`astro build in ${cwd}: no ${outDir}`));
        return;
      }
      resolvePromise({ ms, pages: htmlFiles(outDir).length, phases: parsePhases(text), log: logFile, outDir });
    });
  });
}

/** The shape of one emitted page, to give its baseline twin a similar size. */
export interface PageShape {
  /** Rendered with Starlight's layout (has a <main>), as opposed to a redirect stub. */
  layout: boolean;
  /** Visible text of the content (main, or body for pages without one), code excluded. */
  textBytes: number;
  headings: number;
  listItems: number;
  codeBlocks: number;
  codeChars: number;
}

const textOf = (html: string) =>
  html
    .replace(/<(script|style|svg|template)\b[\s\S]*?<\/\1>/gi, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[#\w]+;/g, 'x')
    .replace(/\s+/g, ' ')
    .trim();

export function pageShape(html: string): PageShape {
  const mainStart = html.search(/<main\b/i);
  const mainEnd = html.lastIndexOf('</main>');
  let content = mainStart >= 0 && mainEnd > mainStart ? html.slice(mainStart, mainEnd) : (/<body\b[\s\S]*<\/body>/i.exec(html)?.[0] ?? html);
  let codeBlocks = 0;
  let codeChars = 0;
  content = content.replace(/<pre\b[\s\S]*?<\/pre>/gi, (pre) => {
    codeBlocks++;
    codeChars += textOf(pre).length;
    return ' ';
  });
  return {
    layout: mainStart >= 0,
    textBytes: textOf(content).length,
    headings: (content.match(/<h[23]\b/gi) ?? []).length,
    listItems: (content.match(/<li\b/gi) ?? []).length,
    codeBlocks,
    codeChars,
  };
}

export interface SiteShape {
  /** HTML files, relative to the output dir, in the order of `pages`. */
  files: string[];
  pages: PageShape[];
  /** Links in the sidebar of a typical page (a code page when there is one). */
  sidebarLinks: number;
  /** Pages with Starlight's layout (a <main>) vs the rest (redirect stubs...). */
  layoutPages: number;
}

export function siteShape(outDir: string, samplePage = 'codes/ckr_pin_incorrect/index.html'): SiteShape {
  const files = htmlFiles(outDir);
  const pages: PageShape[] = [];
  let layoutPages = 0;
  for (const file of files) {
    const html = readFileSync(join(outDir, file), 'utf8');
    const page = pageShape(html);
    if (page.layout) layoutPages++;
    pages.push(page);
  }
  const sample = existsSync(join(outDir, samplePage)) ? samplePage : files.find((f) => f !== 'index.html' && f !== '404.html') ?? files[0];
  const html = readFileSync(join(outDir, sample), 'utf8');
  const navStart = html.search(/<nav\b[^>]*aria-label="Main"/i);
  const navEnd = navStart >= 0 ? html.indexOf('</nav>', navStart) : -1;
  const sidebarLinks = navStart >= 0 ? (html.slice(navStart, navEnd).match(/<a\b/gi) ?? []).length : 0;
  return { files, pages, sidebarLinks, layoutPages };
}

export function sum(shape: SiteShape, key: Exclude<keyof PageShape, 'layout'>): number {
  return shape.pages.reduce((n, p) => n + p[key], 0);
}
