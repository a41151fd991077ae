// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import { siteConfig } from './src/site-config.ts';
import { buildSidebar } from './src/site/sidebar.ts';

export default defineConfig({
  site: siteConfig.site,
  base: siteConfig.base,
  trailingSlash: 'ignore',
  ...(siteConfig.cacheDir ? { cacheDir: siteConfig.cacheDir } : {}),
  integrations: [
    starlight({
      title: 'ckr.ref',
      description: 'What a PKCS#11 CKR return code means, why it happens and how to fix it.',
      sidebar: buildSidebar(siteConfig.contentDir),
      components: {
        Search: './src/components/overrides/Search.astro',
        Head: './src/components/overrides/Head.astro',
      },
      customCss: ['./src/styles/site.css'],
      lastUpdated: false,
      pagination: false,
      disable404Route: true,
    }),
  ],
});
