/**
 * Every URL of the product, defined once. The site, codes.json, the link checker and the CLI all build
 * their links here. URLs are an API: tickets link to them for years, so never change a path shape;
 * add a redirect instead.
 *
 * Paths are relative to the site root and never include the base path: the site prefixes
 * `import.meta.env.BASE_URL` (see `withBase`), the CLI prefixes its `--base-url`.
 */

/** Where the published site lives, for canonical links, OpenGraph and the CLI's default page URLs. */
export const DEFAULT_SITE_URL = 'https://ckr-ref.org';

export const codePath = (name: string): string => `/codes/${name.toLowerCase()}/`;
export const categoryPath = (slug: string): string => `/categories/${slug}/`;
export const contextPath = (id: string): string => `/contexts/${id}/`;
export const cliPath = (command: string): string => `/cli/${command}/`;
export const lookupPath = (query?: string): string =>
  query === undefined ? '/lookup/' : `/lookup/?q=${encodeURIComponent(query)}`;
export const versionsPath = (): string => '/versions/';
export const codesJsonPath = (): string => "/codes.json";
/** The page that documents codes.json. */
export const codesJsonDocPath = (): string => "/codes-json/";

/** Stable anchors of a code page. */
export const ANCHORS = {
  meaning: 'meaning',
  causes: 'causes',
  solutions: 'solutions',
  seenOnSoftHsm: 'seen-on-softhsm2',
  returnedBy: 'returned-by',
  related: 'related',
  context: (id: string) => `context-${id}`,
  /** A spec version's section on /versions/: `v2-40`. */
  version: (version: string) => `v${version.replace(/\./g, '-')}`,
  /** A function rule's section on the rules page. */
  rule: (id: string) => `rule-${id}`,
} as const;

/** Join a base (`/`, `/docs/`, `https://host/sub/`) and a root-relative path. */
export function withBase(base: string, path: string): string {
  const left = base.endsWith('/') ? base.slice(0, -1) : base;
  return `${left}${path.startsWith('/') ? path : `/${path}`}`;
}
