/**
 * The markdown body of each generated page, composed from the registry's fragments (which are slices
 * of the reference source). Astro renders it with the site's markdown pipeline (Expressive Code gives
 * code blocks their copy buttons). Headings are chosen so their ids are the stable anchors of
 * src/urls.ts ANCHORS: "Meaning" -> #meaning, "Context: sign" -> #context-sign.
 */
import type { CodeRecord, ContextRecord, Step } from '../reference/types.ts';

const fence = (lang: string, code: string) => {
  const ticks = code.includes('```') ? '~~~~' : '```';
  return `${ticks}${lang}\n${code}\n${ticks}`;
};

/** Labels are followed by a colon in the source (`**Seen on SoftHSM2**: wrapping…`); as a section, start with a capital. */
const capitalise = (text: string) => text.replace(/^[a-z]/, (c) => c.toUpperCase());

/** Steps as markdown: runs of text steps become a bullet list, code steps fenced blocks. */
export function stepsMarkdown(steps: readonly Step[], ordered = false): string {
  const out: string[] = [];
  let n = 0;
  for (const step of steps) {
    if (step.kind === 'code') {
      out.push('', fence(step.lang, step.code), '');
    } else {
      n += 1;
      const bullet = ordered ? `${n}. ` : '- ';
      const [first, ...rest] = step.markdown.split('\n');
      out.push(bullet + first, ...rest.map((l) => ' '.repeat(bullet.length) + l));
    }
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

export function codeBodyMarkdown(code: CodeRecord, contexts: ReadonlyMap<string, ContextRecord>): string {
  const parts: string[] = ['## Meaning', '', code.meaning || '_No meaning written yet._'];
  if (code.details.length) parts.push('', code.details.join('\n\n'));
  if (code.noTroubleshooting) {
    parts.push('', '## Causes', '', `Not a failure. ${code.noTroubleshooting}`);
    parts.push('', '## Solutions', '', 'Nothing to fix.');
  } else {
    parts.push('', '## Causes', '', code.causes.map((c) => `- ${c.replace(/\n/g, '\n  ')}`).join('\n'));
    parts.push('', '## Solutions', '', stepsMarkdown(code.solutions));
  }
  if (code.seenOnSoftHsm) parts.push('', '## Seen on SoftHSM2', '', capitalise(code.seenOnSoftHsm));
  for (const context of code.contexts) {
    const title = contexts.get(context.id)?.title ?? context.id;
    parts.push('', `## Context: ${context.id}`, '', `When this code comes back during **${title.toLowerCase()}**:`, '', stepsMarkdown(context.steps));
  }
  return parts.join('\n') + '\n';
}

export function contextBodyMarkdown(context: ContextRecord): string {
  const parts: string[] = ['## About', '', context.about.join('\n\n')];
  if (context.example) parts.push('', 'Ask for guidance on a code in this context:', '', fence('bash', context.example));
  parts.push('', '## Troubleshooting steps', '', stepsMarkdown(context.steps, true));
  if (context.workedExample.length) parts.push('', '## Worked example', '', stepsMarkdown(context.workedExample));
  return parts.join('\n') + '\n';
}
