/** The shapes shared by the build model (build.ts) and the checks (checks/). */

/** One problem, printed as `page -> link: problem`. */
export interface Failure {
  /** URL path of the page (or the file, for non-page problems), with the base. */
  page: string;
  /** The link as written in the page, or '' for a problem of the page itself. */
  link: string;
  problem: string;
}

/** A URL found in a page: an href, src, srcset, action or data attribute, or a meta refresh. */
export interface Link {
  /** As written (entities decoded). */
  raw: string;
  /** Lower-case tag and attribute it came from (`refresh` for `<meta http-equiv=refresh>`). */
  tag: string;
  attr: string;
  /** Lower-case `rel` of the tag, '' when none. */
  rel: string;
  /**
   * internal: a path of this site under the base; outside: this site's origin but not under the base;
   * external: another origin; other: mailto:, data:, javascript: and the like.
   */
  kind: 'internal' | 'outside' | 'external' | 'other';
  /** Decoded URL path, without query or fragment (internal and outside links). */
  path: string;
  /** Decoded fragment, '' when none. */
  fragment: string;
  /** File of the build the path resolves to (internal links), undefined when none exists. */
  file: string | undefined;
  /** Whether the link is inside the page's `<main>` (not the sidebar, header or table of contents). */
  inMain: boolean;
}

export interface Page {
  /** URL path with the base: `/ckr-ref/codes/ckr_ok/`, `/404.html`. */
  url: string;
  /** Path inside the build folder: `codes/ckr_ok/index.html`. */
  file: string;
  html: string;
  /** Every id and `<a name>` of the page. */
  ids: Set<string>;
  links: Link[];
  /** Number of `<h1>` elements. */
  h1: number;
  /** Text of the first `<title>`, undefined when there is none. */
  title: string | undefined;
  /** The `<meta http-equiv=refresh>` target, when the page is a redirect. */
  refresh: Link | undefined;
  /** href of `<link rel=canonical>`. */
  canonical: string | undefined;
  /** Inline event handler attributes, as `tag onclick`. */
  handlers: string[];
}

export interface Build {
  /** Folder as given on the command line. */
  dir: string;
  /** Base path, with leading and trailing slash: `/`, `/ckr-ref/`. */
  base: string;
  /** Origin the site is published at: `https://ckr-ref.org`. */
  origin: string;
  /** Every file of the build, relative, with `/` separators. */
  files: Set<string>;
  /** Every HTML page, by file. */
  pages: Map<string, Page>;
}

/** What the build must contain, from the reference (the registry) and the CLI definitions. */
export interface Reference {
  codes: {
    name: string; value: number; hex: string; hexShort: string; decimal: number; category: string;
    /** Ids of the contexts the code has a `## Context: <id>` section for. */
    contexts: string[];
  }[];
  /** Number of code pages the site must have (105). */
  expectedCodes: number;
  /** Context ids. */
  contexts: string[];
  /** Category slugs that have at least one code. */
  categories: string[];
  /** hsm-cli command names. */
  commands: string[];
  /** Number of historical values codes.json lists. */
  historical: number;
}

/** Counters the checks share, printed in the summary. */
export interface Stats {
  links: number;
  anchors: number;
  /** External URL -> pages that link to it. */
  external: Map<string, Set<string>>;
}

export interface Context {
  build: Build;
  reference: Reference;
  stats: Stats;
}

/** One check: a name for the report and a function that returns every failure it finds. */
export interface Check {
  name: string;
  run(context: Context): Failure[];
}
