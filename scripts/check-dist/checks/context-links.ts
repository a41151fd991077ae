/**
 * 5. Contexts and codes link both ways. A context page links to `#context-<op>` of each code with a
 * `## Context: <op>` section for it, and to no other context's section; each such code page has that
 * anchor (and any `context-<op>` section it has) linking back to /contexts/<op>/ from its content (the
 * sidebar, which links every context from every page, does not count).
 */
import { ANCHORS, codePath, contextPath, withBase } from '../../../src/urls.ts';
import { fileAt, pageAt } from '../build.ts';
import type { Check, Failure } from '../types.ts';

export const contextLinks: Check = {
  name: 'contexts <-> codes',
  run({ build, reference, stats }) {
    const failures: Failure[] = [];
    const url = (path: string) => withBase(build.base, path);

    for (const id of reference.contexts) {
      const page = pageAt(build, url(contextPath(id)));
      if (!page) continue; // expected-pages reports it
      const linked = new Set<string>();
      for (const link of page.links) {
        if (link.kind !== 'internal' || !link.fragment.startsWith('context-')) continue;
        if (link.fragment !== ANCHORS.context(id)) failures.push({ page: page.url, link: link.raw, problem: `links to another context's section (expected #${ANCHORS.context(id)})` });
        else if (link.file) linked.add(link.file);
      }
      for (const code of reference.codes.filter((c) => c.contexts.includes(id))) {
        const target = url(codePath(code.name));
        if (!linked.has(fileAt(build, target) ?? target)) failures.push({ page: page.url, link: `${target}#${ANCHORS.context(id)}`, problem: `no link to the ${id} section of ${code.name}` });
      }
    }

    const contexts = new Set(reference.contexts);
    for (const code of reference.codes) {
      const page = pageAt(build, url(codePath(code.name)));
      if (!page) continue;
      const sections = new Set(code.contexts);
      for (const anchor of page.ids) if (anchor.startsWith('context-')) sections.add(anchor.slice('context-'.length));
      for (const id of sections) {
        stats.anchors += 1;
        const back = url(contextPath(id));
        if (!page.ids.has(ANCHORS.context(id))) failures.push({ page: page.url, link: `#${ANCHORS.context(id)}`, problem: `no "Context: ${id}" section` });
        if (!contexts.has(id)) failures.push({ page: page.url, link: `#${ANCHORS.context(id)}`, problem: `section for an unknown context ${id}` });
        else if (!page.links.some((l) => l.inMain && l.kind === 'internal' && l.file !== undefined && l.file === fileAt(build, back))) {
          failures.push({ page: page.url, link: back, problem: `no link back to the ${id} context` });
        }
      }
    }
    return failures;
  },
};
