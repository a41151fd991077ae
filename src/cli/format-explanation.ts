/**
 * The human view of an Explanation (explain.ts builds the data). Light on purpose: display functions
 * import it without loading the registry or the lookup.
 */
import type { Step } from '../reference/types.ts';
import { plainText } from '../site/text.ts';
import type { Explanation } from './explain.ts';

export function formatSteps(steps: readonly Step[], indent = '  '): string[] {
  const lines: string[] = [];
  for (const step of steps) {
    if (step.kind === 'text') {
      const text = plainText(step.markdown);
      lines.push(`${indent}${/^[→•-]/.test(text) ? text : `- ${text}`}`);
    } else {
      for (const line of step.code.split('\n')) lines.push(line ? `${indent}    ${line}` : '');
    }
  }
  return lines;
}

/** The human view: facts, meaning, (causes, solutions), context steps, the page. */
export function formatExplanation(ex: Explanation): string {
  const lines: string[] = [];
  if (ex.kind === 'none') return `${ex.message}\n`;
  if (ex.candidates) {
    lines.push(ex.message, '');
    for (const c of ex.candidates) lines.push(`  ${c.name.padEnd(40)} ${c.hex}  ${c.reason}`);
    lines.push('', 'Run hsm-cli explain-error <name> for one of them.');
    return `${lines.join('\n')}\n`;
  }
  if (ex.function) lines.push(`${ex.function} failed: ${ex.name ?? 'unknown code'} (${ex.hexShort})`, '');
  else if (ex.suggestion) lines.push(ex.message, '');
  lines.push(ex.name ?? ex.hexShort ?? '');
  if (ex.hex) lines.push(`  Value:     ${ex.hexShort} (${ex.hex}), decimal ${ex.decimal}`);
  if (ex.categoryLabel) lines.push(`  Category:  ${ex.categoryLabel}`);
  if (ex.meaning) lines.push(`  Meaning:   ${ex.meaning}`);
  if (ex.note) lines.push(`  Note:      ${ex.note}`);
  if (ex.kind === 'historical') lines.push(`  ${ex.message}`);
  for (const alternative of ex.alternatives ?? []) lines.push(`  Also:      ${alternative}`);
  if (ex.causes?.length) lines.push('', 'Common causes:', ...ex.causes.map((c) => `  - ${c}`));
  if (ex.solutions?.length) lines.push('', 'Solutions:', ...formatSteps(ex.solutions));
  if (ex.context) lines.push('', `What to do (${ex.context.id}):`, ...formatSteps(ex.context.steps));
  if (ex.url) lines.push('', `More: ${ex.url}`);
  return `${lines.join('\n')}\n`;
}
