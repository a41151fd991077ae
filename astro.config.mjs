// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import sitemap from '@astrojs/sitemap';
import { siteConfig } from './src/site-config.ts';
import { buildSidebar } from './src/site/sidebar.ts';
import { sitemapFilter } from './src/site/sitemap.ts';
import { loadRegistry } from './src/reference/registry.ts';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Content Security Policy, as a <meta http-equiv> Astro writes into every page with the hashes of the
 * scripts and styles it bundles or inlines. On top of that:
 * - the `<script is:inline>` blocks of Starlight's own components (theme, search shortcut, sidebar
 *   state) are not hashed by Astro, so their hashes are computed here from Starlight's sources;
 * - Pagefind compiles WebAssembly: `'wasm-unsafe-eval'` (it allows WebAssembly, not eval);
 * - Starlight and Expressive Code put `style="--sl-icon-size: 1em"`-like attributes in the HTML:
 *   `style-src-attr 'unsafe-inline'`; inline event handlers stay forbidden (`script-src-attr 'none'`);
 * - everything else is the site's own origin: no CDN, fonts or third-party requests.
 * tests/e2e/security.spec.ts checks that no page reports a violation and that every request stays on
 * the site's origin.
 */
function starlightInlineScriptHashes() {
  const dist = dirname(fileURLToPath(import.meta.resolve('@astrojs/starlight')));
  const hashes = new Set();
  for (const folder of ['components', 'user-components']) {
    for (const file of readdirSync(join(dist, folder)).filter((f) => f.endsWith('.astro'))) {
      const source = readFileSync(join(dist, folder, file), 'utf8');
      for (const match of source.matchAll(/<script\s+is:inline\b[^>]*>([\s\S]*?)<\/script>/g)) {
        hashes.add(`sha256-${createHash('sha256').update(match[1]).digest('base64')}`);
      }
    }
  }
  return [...hashes];
}

/** @type {Exclude<NonNullable<import('astro').AstroUserConfig['security']>['csp'], boolean | undefined>} */
const csp = {
  algorithm: 'SHA-256',
  directives: [
    "default-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ],
  scriptDirective: {
    resources: ["'self'", "'wasm-unsafe-eval'", { resource: "'none'", kind: 'attribute' }],
    hashes: starlightInlineScriptHashes(),
  },
  styleDirective: {
    resources: ["'self'", { resource: "'unsafe-inline'", kind: 'attribute' }],
  },
};

const registry = loadRegistry(siteConfig.contentDir);

export default defineConfig({
  site: siteConfig.site,
  base: siteConfig.base,
  trailingSlash: 'ignore',
  security: { csp },
  ...(siteConfig.cacheDir ? { cacheDir: siteConfig.cacheDir } : {}),
  integrations: [
    starlight({
      title: 'ckr.ref',
      description: 'What a PKCS#11 CKR return code means, why it happens and how to fix it.',
      sidebar: buildSidebar(registry),
      components: {
        Search: './src/components/overrides/Search.astro',
        Head: './src/components/overrides/Head.astro',
      },
      customCss: ['./src/styles/site.css'],
      lastUpdated: false,
      pagination: false,
      disable404Route: true,
    }),
    // Starlight would add it unfiltered; the short-link redirect pages stay out of the sitemap.
    sitemap({ filter: sitemapFilter(registry.codes, siteConfig.base) }),
  ],
});
