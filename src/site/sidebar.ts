/**
 * The Starlight sidebar, derived from the category table, the reference's contexts and the CLI's
 * command definitions. Read by astro.config.mjs.
 */
import { CATEGORIES } from '../reference/categories.ts';
import type { Registry } from '../reference/types.ts';
import { COMMANDS } from '../cli/commands/index.ts';
import { categoryPath, cliPath, codePath, codesJsonDocPath, contextPath, lookupPath, versionsPath } from '../urls.ts';

/** A category with more codes than this links to its index instead of listing them (keeps every page small). */
const MAX_CODES_IN_GROUP = 40;

type SidebarItem =
  | { label: string; link: string; attrs?: Record<string, string> }
  | { label: string; collapsed?: boolean; items: SidebarItem[] };

export function buildSidebar(registry: Pick<Registry, 'codes' | 'contexts'>): SidebarItem[] {
  const byCategory = new Map<string, typeof registry.codes>();
  for (const code of registry.codes) {
    const list = byCategory.get(code.category) ?? [];
    list.push(code);
    byCategory.set(code.category, list);
  }
  return [
    {
      label: 'Start here',
      items: [
        { label: 'All codes and the value map', link: '/' },
        { label: 'Look up a code', link: lookupPath() },
        { label: 'Codes by spec version', link: versionsPath() },
        { label: 'codes.json', link: codesJsonDocPath() },
        { label: 'About this reference', link: '/about/' },
      ],
    },
    {
      label: 'Troubleshooting by operation',
      collapsed: false,
      items: registry.contexts.map((c) => ({ label: c.title.replace(/ Operations$/, ''), link: contextPath(c.id) })),
    },
    {
      label: 'Codes by category',
      items: CATEGORIES.filter((c) => byCategory.has(c.slug)).map((category) => {
        const codes = byCategory.get(category.slug) ?? [];
        return codes.length > MAX_CODES_IN_GROUP
          ? { label: `${category.label} (${codes.length})`, link: categoryPath(category.slug) }
          : {
              label: category.label,
              collapsed: true,
              items: [
                { label: `All ${category.label.toLowerCase()} codes`, link: categoryPath(category.slug) },
                ...codes.map((code) => ({ label: code.name, link: codePath(code.name) })),
              ],
            };
      }),
    },
    {
      label: 'hsm-cli',
      collapsed: true,
      items: [{ label: 'Overview', link: '/cli/' }, ...COMMANDS.map((c) => ({ label: c.name, link: cliPath(c.name) }))],
    },
  ];
}
