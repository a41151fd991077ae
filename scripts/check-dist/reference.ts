/**
 * What this repository's build must contain: the registry (content/, via loadRegistry and its cache),
 * the categories that have codes, and the hsm-cli commands.
 */
import { loadRegistry } from '../../src/reference/registry.ts';
import { CATEGORIES } from '../../src/reference/categories.ts';
import { COMMANDS } from '../../src/cli/commands/index.ts';
import { siteConfig } from '../../src/site-config.ts';
import type { Reference } from './types.ts';

/** content/ckr-values.tsv lists 105 codes; a change to that number must be deliberate. */
export const EXPECTED_CODES = 105;

export function repositoryReference(contentDir: string = siteConfig.contentDir): Reference {
  const registry = loadRegistry(contentDir);
  const categories = new Set(registry.codes.map((code) => code.category));
  return {
    codes: registry.codes.map(({ name, value, hex, hexShort, decimal, category, contexts }) => ({
      name, value, hex, hexShort, decimal, category, contexts: contexts.map((c) => c.id),
    })),
    expectedCodes: EXPECTED_CODES,
    contexts: registry.contexts.map((c) => c.id),
    categories: CATEGORIES.filter((c) => categories.has(c.slug)).map((c) => c.slug),
    commands: COMMANDS.map((c) => c.name),
    historical: registry.historical.length,
  };
}
