/** The codes a context page lists follow from its functions; codes with guidance link to its block. */
import { describe, expect, it } from 'vitest';
import GithubSlugger from 'github-slugger';
import { codesForContext } from '../../../src/site/context-codes.ts';
import { codeBodyMarkdown } from '../../../src/site/markdown.ts';
import { FUNCTION_RULES } from '../../../src/reference/function-rules.ts';
import { ANCHORS } from '../../../src/urls.ts';
import type { CodeRecord, ContextRecord } from '../../../src/reference/types.ts';
import { contextsById, registry } from './fixture.ts';

const EVERYWHERE = new Set(FUNCTION_RULES.filter((r) => ['universal', 'not-initialized', 'not-supported'].includes(r.id)).flatMap((r) => r.codes));
const byValue = (codes: readonly CodeRecord[]) => codes.map((c) => c.value);
const sorted = (values: number[]) => [...values].sort((a, b) => a - b);

describe('codesForContext on every context of content/', () => {
  for (const context of registry.contexts) {
    it(`${context.id}: lists only codes of its functions' spec lists, guided codes apart`, () => {
      const { withGuidance, listed, everywhere } = codesForContext(context, registry.codes);
      const fromFunctions = new Set(context.functions.flatMap((fn) => registry.functions[fn] ?? []));
      for (const code of listed) {
        expect(fromFunctions.has(code.name), `${code.name} is not in the lists of ${context.functions.join(', ')}`).toBe(true);
        expect(EVERYWHERE.has(code.name), code.name).toBe(false);
      }
      // Every code those lists name is shown somewhere on the page.
      const shown = new Set([...withGuidance, ...listed, ...everywhere].map((c) => c.name));
      for (const name of fromFunctions) expect(shown.has(name), name).toBe(true);
      // Guided codes are exactly those with a **Context: id** block, and are not listed twice.
      expect(withGuidance.map((c) => c.name).sort()).toEqual(registry.codes.filter((c) => c.contexts.some((x) => x.id === context.id)).map((c) => c.name).sort());
      const guided = new Set(withGuidance.map((c) => c.name));
      for (const code of listed) expect(guided.has(code.name), code.name).toBe(false);
      expect(everywhere.map((c) => c.name).sort()).toEqual([...EVERYWHERE].sort());
      for (const list of [withGuidance, listed, everywhere]) expect(byValue(list)).toEqual(sorted(byValue(list)));
    });
  }

  it('links each guided code to its own block: the code page has a heading whose id is the anchor', () => {
    let links = 0;
    for (const context of registry.contexts) {
      for (const code of codesForContext(context, registry.codes).withGuidance) {
        const headings = codeBodyMarkdown(code, contextsById).split('\n').filter((l) => l.startsWith('## ')).map((l) => l.slice(3));
        const slugger = new GithubSlugger();
        const ids = headings.map((h) => slugger.slug(h));
        expect(ids, `${code.name} -> #${ANCHORS.context(context.id)}`).toContain(ANCHORS.context(context.id));
        links += 1;
      }
    }
    expect(links).toBe(registry.codes.reduce((n, c) => n + c.contexts.length, 0));
  });

  it('works for a context with no functions and for codes without returnedBy', () => {
    const empty: ContextRecord = { id: 'none', title: 'None', functions: [], about: [], steps: [], workedExample: [], line: 1 };
    const result = codesForContext(empty, registry.codes);
    expect(result.withGuidance).toEqual([]);
    expect(result.listed).toEqual([]);
    expect(result.everywhere.length).toBe(EVERYWHERE.size);
  });
});
