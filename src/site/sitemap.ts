/**
 * The sitemap lists the pages worth indexing: the short-link redirect pages (/0xa0/, /160/,
 * /ckr_pin_incorrect/, all `noindex`) stay out. Starlight adds @astrojs/sitemap on its own unless the
 * config already has it; astro.config.mjs adds it with this filter.
 */
import { shortLinks } from './short-links.ts';

export function sitemapFilter(codes: readonly { name: string; value: number }[], base: string): (page: string) => boolean {
  const slugs = new Set(shortLinks(codes).map((l) => l.slug));
  const prefix = base.endsWith('/') ? base : `${base}/`;
  return (page) => {
    const path = new URL(page).pathname;
    const rest = (path.startsWith(prefix) ? path.slice(prefix.length) : path.replace(/^\//, '')).replace(/\/$/, '');
    return !slugs.has(decodeURIComponent(rest));
  };
}
