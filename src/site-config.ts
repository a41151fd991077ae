/**
 * Build-time settings, read from the environment once. astro.config.mjs, the content loaders and the
 * benchmark use these; nothing else reads process.env for the site.
 *
 * - CKR_SITE_URL     where the site is published (canonical links, OpenGraph, OpenSearch)
 * - CKR_BASE         the sub-path it is served under, e.g. `/pkcs11/` (default `/`)
 * - CKR_CONTENT_DIR  the content folder to build (default ./content; the benchmark points it at
 *                    synthetic references)
 * - CKR_CACHE_DIR    Astro's cache folder (default node_modules/.astro): parallel builds need their own
 */
import { resolve } from 'node:path';
import { DEFAULT_SITE_URL } from './urls.ts';

function normaliseBase(base: string | undefined): string {
  if (!base || base === '/') return '/';
  return `/${base.replace(/^\/+|\/+$/g, '')}/`;
}

export const siteConfig = {
  site: process.env.CKR_SITE_URL || DEFAULT_SITE_URL,
  base: normaliseBase(process.env.CKR_BASE),
  // Resolved against the working directory (npm scripts run at the repo root): bundled code cannot
  // locate content/ from its own URL.
  contentDir: resolve(process.env.CKR_CONTENT_DIR || 'content'),
  cacheDir: process.env.CKR_CACHE_DIR ? resolve(process.env.CKR_CACHE_DIR) : undefined,
} as const;
