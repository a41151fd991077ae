/** Every check, in report order. Each is one small module (the withastro/docs link checker's layout). */
import type { Check } from '../types.ts';
import { expectedPages } from './expected-pages.ts';
import { targetExists } from './target-exists.ts';
import { offline } from './offline.ts';
import { basePath } from './base-path.ts';
import { redirects } from './redirects.ts';
import { contextLinks } from './context-links.ts';
import { orphans } from './orphans.ts';
import { codesJson } from './codes-json.ts';
import { pageStructure } from './page-structure.ts';
import { sitemap } from './sitemap.ts';

export const CHECKS: readonly Check[] = [expectedPages, targetExists, offline, basePath, redirects, contextLinks, orphans, codesJson, pageStructure, sitemap];
