/**
 * Content collections. The reference collections are loaded by src/reference (parse -> validate ->
 * registry) through src/site/reference-data.ts; any validation error in content/ throws and fails the
 * build with every file:line diagnostic. zod schemas give pages their types.
 */
import { defineCollection } from 'astro:content';
import type { Loader } from 'astro/loaders';
import { z } from 'astro/zod';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
import { siteReference } from './site/reference-data.ts';
import { codeBodyMarkdown, contextBodyMarkdown } from './site/markdown.ts';
import { CATEGORIES } from './reference/categories.ts';
import { join } from 'node:path';
import { siteConfig } from './site-config.ts';

const step = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), markdown: z.string(), line: z.number() }),
  z.object({ kind: z.literal('code'), lang: z.string(), code: z.string(), line: z.number() }),
]);

/** A CKR code: spec facts + the reference's text. */
const codeSchema = z.object({
  /** `CKR_PIN_INCORRECT` */
  name: z.string().regex(/^CKR_[A-Z0-9_]+$/),
  /** Numeric value (0 to 0xFFFFFFFF). */
  value: z.number().int().min(0).max(0xffffffff),
  /** `0x000000A0` */
  hex: z.string().regex(/^0x[0-9A-F]{8}$/),
  /** `0xA0` */
  hexShort: z.string().regex(/^0x[0-9A-F]+$/),
  decimal: z.number().int(),
  /** Category slug (src/reference/categories.ts). */
  category: z.string(),
  /** Spec version that introduced the code. */
  introduced: z.string(),
  inPkcs11js: z.boolean(),
  meaning: z.string().min(1),
  details: z.array(z.string()),
  causes: z.array(z.string()),
  solutions: z.array(step),
  noTroubleshooting: z.string().optional(),
  seenOnSoftHsm: z.string().optional(),
  contexts: z.array(z.object({ id: z.string(), steps: z.array(step), line: z.number() })),
  related: z.array(z.string()),
  returnedBy: z.array(z.string()),
  rules: z.array(z.string()),
  line: z.number(),
});

const contextSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  title: z.string(),
  functions: z.array(z.string()),
  about: z.array(z.string()),
  example: z.string().optional(),
  steps: z.array(step),
  workedExample: z.array(step),
  line: z.number(),
});

const categorySchema = z.object({
  slug: z.string(),
  label: z.string(),
  heading: z.string(),
  min: z.number(),
  max: z.number(),
  summary: z.string(),
});

const referenceFile = join(siteConfig.contentDir, 'ckr-reference.md');

function referenceLoader(kind: 'codes' | 'contexts' | 'categories' | 'historical'): Loader {
  return {
    name: `ckr-reference-${kind}`,
    load: async ({ store, parseData, renderMarkdown, generateDigest, watcher }) => {
      watcher?.add(referenceFile);
      const { registry } = siteReference();
      const contexts = new Map(registry.contexts.map((c) => [c.id, c]));
      store.clear();
      if (kind === 'codes') {
        for (const code of registry.codes) {
          const id = code.name.toLowerCase();
          const body = codeBodyMarkdown(code, contexts);
          const data = await parseData({ id, data: { ...code } });
          store.set({ id, data, body, digest: generateDigest(body), rendered: await renderMarkdown(body) });
        }
      } else if (kind === 'contexts') {
        for (const context of registry.contexts) {
          const body = contextBodyMarkdown(context);
          const data = await parseData({ id: context.id, data: { ...context } });
          store.set({ id: context.id, data, body, digest: generateDigest(body), rendered: await renderMarkdown(body) });
        }
      } else if (kind === 'historical') {
        for (const value of registry.historical) {
          store.set({ id: value.name.toLowerCase(), data: await parseData({ id: value.name.toLowerCase(), data: { ...value } }) });
        }
      } else {
        for (const category of CATEGORIES) {
          store.set({ id: category.slug, data: await parseData({ id: category.slug, data: { ...category } }) });
        }
      }
    },
  };
}

const historicalSchema = z.object({
  name: z.string(),
  value: z.number().int(),
  status: z.enum(['removed', 'draft-only', 'wrong-value']),
  note: z.string(),
  seeAlso: z.string().optional(),
});

export const collections = {
  docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }),
  codes: defineCollection({ loader: referenceLoader('codes'), schema: codeSchema }),
  contexts: defineCollection({ loader: referenceLoader('contexts'), schema: contextSchema }),
  categories: defineCollection({ loader: referenceLoader('categories'), schema: categorySchema }),
  historical: defineCollection({ loader: referenceLoader('historical'), schema: historicalSchema }),
};
