/**
 * validateReference: a parsed reference checked against the spec tables. Every problem is reported at
 * once, each with its file:line, in line order.
 *
 * Stages:
 *  1. structure (from parseReference: heading format, labels, fences, empty file)
 *  2. each entry: known name, hex = decimal, value = spec, not a duplicate, required sections,
 *     filed under its category's `##` heading
 *  3. cross references: Related names, CKR_ names in the text, context ids, hsm-cli command lines
 *  4. contexts: ids unique, functions known and in one context only
 *  5. completeness: every spec code has an entry
 */
import type { Diagnostic, ParsedReference, SpecValue, HistoricalValue, Step } from './types.ts';
import { CATEGORIES, categoryByHeading, categoryOfValue } from './categories.ts';
import { hexPadded, hexShort } from './values.ts';

export interface SpecTables {
  values: readonly SpecValue[];
  historical: readonly HistoricalValue[];
  /** function name -> codes (ckr-functions.tsv). */
  functions: Readonly<Record<string, readonly string[]>>;
}

export interface ValidateOptions {
  /**
   * Checks one `hsm-cli ...` command line; returns problems ("unknown option --foo for sign").
   * Provided by the CLI's command definitions, so the reference can only name commands that exist.
   */
  checkCommandLine?: (commandLine: string) => string[];
}

const show = (value: number) => `${hexPadded(value)} (${value})`;

/** Names the text may mention that are not codes: prefixes and placeholders. */
const isPlaceholder = (name: string) => name.endsWith('_') || name === 'CKR_NAME' || /_X+$/.test(name);

/** `hsm-cli ...` command lines inside a step: whole lines of code blocks, backtick spans of text. */
function commandLines(step: Step): { line: number; command: string }[] {
  const found: { line: number; command: string }[] = [];
  if (step.kind === 'code') {
    // Join backslash continuations, keep the line of the first physical line.
    const lines = step.code.split(/\r\n|\r|\n/);
    for (let i = 0; i < lines.length; i++) {
      const at = i;
      let text = lines[i];
      while (text.trimEnd().endsWith('\\') && i + 1 < lines.length) text = text.trimEnd().slice(0, -1) + ' ' + lines[++i];
      const index = text.search(/(^|[\s;|&(])hsm-cli\s/);
      if (index >= 0 && !text.trimStart().startsWith('#')) {
        found.push({ line: step.line + 1 + at, command: text.slice(text.indexOf('hsm-cli', index)).trim() });
      }
    }
  } else {
    for (const match of step.markdown.matchAll(/`(hsm-cli [^`]*)`/g)) found.push({ line: step.line, command: match[1] });
  }
  return found;
}

const stepText = (step: Step) => (step.kind === 'code' ? step.code : step.markdown);

/** The lines of a prose section's markdown: a text step per line, a code step per fenced block. */
function proseSteps(markdown: string, firstLine: number): Step[] {
  const steps: Step[] = [];
  const lines = markdown.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const open = /^ {0,3}(`{3,}|~{3,})\s*([\w-]*)/.exec(lines[i]);
    if (!open) {
      steps.push({ kind: 'text', markdown: lines[i], line: firstLine + i });
      continue;
    }
    const start = i;
    const body: string[] = [];
    while (++i < lines.length && !lines[i].trim().startsWith(open[1])) body.push(lines[i]);
    steps.push({ kind: 'code', lang: open[2], code: body.join('\n'), line: firstLine + start });
  }
  return steps;
}

export function validateReference(parsed: ParsedReference, spec: SpecTables, options: ValidateOptions = {}): Diagnostic[] {
  const { file } = parsed;
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  const error = (line: number, message: string) => diagnostics.push({ file, line, severity: 'error', message });
  const warning = (line: number, message: string) => diagnostics.push({ file, line, severity: 'warning', message });

  const byName = new Map(spec.values.map((v) => [v.name, v]));
  const byValue = new Map(spec.values.map((v) => [v.value, v]));
  const historicalByName = new Map(spec.historical.map((h) => [h.name, h]));
  const knownName = (name: string) => byName.has(name) || historicalByName.has(name);
  const contextIds = new Set(parsed.contexts.map((c) => c.id).filter(Boolean));

  const checkNames = (text: string, line: number, where: string) => {
    for (const name of new Set(text.match(/\bCKR_[A-Z0-9_]+/g) ?? [])) {
      if (!knownName(name) && !isPlaceholder(name)) error(line, `${where} mentions ${name}, which is not a PKCS#11 code`);
    }
  };
  const checkCommands = (steps: readonly Step[], where: string) => {
    if (!options.checkCommandLine) return;
    for (const step of steps) {
      for (const { line, command } of commandLines(step)) {
        for (const problem of options.checkCommandLine(command)) error(line, `${where}: \`${command}\`: ${problem}`);
        const context = /--context[ =]([a-z][a-z0-9-]*)/.exec(command)?.[1];
        if (context && !contextIds.has(context)) error(line, `${where}: \`${command}\`: unknown context "${context}" (contexts: ${[...contextIds].join(', ')})`);
      }
    }
  };

  // 2. entries
  const seen = new Map<string, number>();
  const sectionsReported = new Set<string>();
  for (const entry of parsed.entries) {
    const { name, line } = entry;
    const specValue = byName.get(name);
    if (seen.has(name)) {
      error(line, `duplicate entry for ${name} (first at line ${seen.get(name)})`);
      continue;
    }
    seen.set(name, line);

    if (entry.headingHex !== undefined && entry.headingDecimal !== undefined && entry.headingHex !== entry.headingDecimal) {
      error(line, `${name}: hex ${hexPadded(entry.headingHex)} is ${entry.headingHex} but the decimal says ${entry.headingDecimal}`);
    }
    if (!specValue) {
      const historical = historicalByName.get(name);
      if (historical) error(line, `${name} is not a current PKCS#11 code (${historical.status}: ${historical.note})`);
      else error(line, `unknown code name ${name}: not in ckr-values.tsv`);
    } else {
      const stated = entry.headingHex ?? entry.headingDecimal;
      if (stated !== undefined && stated !== specValue.value) {
        const there = byValue.get(stated);
        const occupant = there ? `that is ${there.name}` : 'that value is not assigned';
        error(line, `${name} is ${show(specValue.value)} in the spec, not ${show(stated)} (${occupant})`);
      } else if (entry.headingDecimal !== undefined && entry.headingHex === undefined && entry.headingDecimal !== specValue.value) {
        error(line, `${name} is ${show(specValue.value)} in the spec, not ${entry.headingDecimal}`);
      }
      const expected = categoryOfValue(specValue.value);
      const actual = categoryByHeading(entry.section);
      if (!actual) {
        if (!sectionsReported.has(entry.section)) {
          sectionsReported.add(entry.section);
          error(entry.sectionLine, `"## ${entry.section}" is not a category heading (categories: ${CATEGORIES.map((c) => c.heading).join(', ')})`);
        }
      } else if (entry.section.trim() !== actual.heading && !sectionsReported.has(entry.section)) {
        sectionsReported.add(entry.section);
        warning(entry.sectionLine, `"## ${entry.section}" read as the category "## ${actual.heading}": write it as in the category table`);
      }
      if (actual && expected && actual.slug !== expected.slug) {
        error(line, `${name} (${hexShort(specValue.value)}) belongs under "## ${expected.heading}" (${hexShort(expected.min)}–${hexShort(expected.max)}), not "## ${actual.heading}"`);
      }
    }

    const has = (label: string) => entry.labelLines[label] !== undefined;
    if (!has('meaning') || entry.meaning === '') error(line, `${name} has no **Meaning**`);
    if (!has('no troubleshooting needed')) {
      if (!has('common causes') || entry.causes.length === 0) error(line, `${name} has no **Common Causes**`);
      if (!has('solutions') || entry.solutions.length === 0) error(line, `${name} has no **Solutions**`);
    }

    // 3. cross references
    for (const related of entry.related) {
      if (!byName.has(related)) error(entry.labelLines.related ?? line, `${name}: **Related** names ${related}, which is not a PKCS#11 code`);
      else if (related === name) error(entry.labelLines.related ?? line, `${name}: **Related** names the entry itself`);
    }
    checkNames([entry.meaning, ...entry.details, ...entry.causes, entry.seenOnSoftHsm ?? ''].join('\n'), line, name);
    for (const step of entry.solutions) checkNames(stepText(step), step.line, name);
    checkCommands(entry.solutions, name);
    const contextsSeen = new Set<string>();
    for (const context of entry.contexts) {
      if (!contextIds.has(context.id)) {
        error(context.line, `${name}: unknown context "${context.id}" (contexts: ${[...contextIds].join(', ') || 'none defined'})`);
      }
      if (contextsSeen.has(context.id)) error(context.line, `${name}: a second **Context: ${context.id}** block`);
      contextsSeen.add(context.id);
      if (context.steps.length === 0) error(context.line, `${name}: **Context: ${context.id}** has no steps`);
      for (const step of context.steps) checkNames(stepText(step), step.line, `${name} in context ${context.id}`);
      checkCommands(context.steps, `${name} in context ${context.id}`);
    }
  }

  // 4. contexts
  const contextOfFunction = new Map<string, string>();
  const idsSeen = new Map<string, number>();
  for (const context of parsed.contexts) {
    if (!context.id) continue;
    if (!/^[a-z][a-z0-9-]*$/.test(context.id)) error(context.line, `context id "${context.id}" must be lower-case letters, digits and dashes`);
    if (idsSeen.has(context.id)) error(context.line, `context "${context.id}" is defined twice (first at line ${idsSeen.get(context.id)})`);
    idsSeen.set(context.id, context.line);
    if (context.functions.length === 0 && Object.keys(spec.functions).length > 0 && context.labelLines.context !== undefined) {
      error(context.line, `context "${context.id}" lists no **Functions**`);
    }
    for (const fn of context.functions) {
      const at = context.labelLines.functions ?? context.line;
      if (!(fn in spec.functions)) error(at, `context "${context.id}" lists ${fn}, which is not a PKCS#11 function in ckr-functions.tsv`);
      const other = contextOfFunction.get(fn);
      if (other && other !== context.id) error(at, `${fn} is in context "${other}" and "${context.id}": a function belongs to one context`);
      contextOfFunction.set(fn, context.id);
    }
    for (const about of context.about) checkNames(about, context.labelLines.about ?? context.line, `context ${context.id}`);
    const steps = [...context.steps, ...context.workedExample];
    for (const step of steps) checkNames(stepText(step), step.line, `context ${context.id}`);
    checkCommands(steps, `context ${context.id}`);
    if (context.example) {
      checkNames(context.example, context.line, `context ${context.id}`);
      checkCommands([{ kind: 'code', lang: 'bash', code: context.example, line: context.line }], `context ${context.id}`);
    }
  }
  for (const prose of parsed.prose) {
    checkCommands(proseSteps(prose.markdown, prose.markdownLine), `section "${prose.heading}"`);
  }

  // Prose claims about the reference itself: "80+ error codes", category ranges in a list.
  for (const prose of parsed.prose) {
    const lines = prose.markdown.split(/\r\n|\r|\n/);
    lines.forEach((text, i) => {
      const at = prose.markdownLine + i;
      checkNames(text, at, `section "${prose.heading}"`);
      for (const claim of text.matchAll(/\b(\d+)\+?\s+(?:error\s+)?codes\b/gi)) {
        const claimed = Number(claim[1]);
        if (claimed > parsed.entries.length) error(at, `the text claims ${claim[0]}, but the reference has ${parsed.entries.length} entries`);
      }
      for (const range of text.matchAll(/([A-Z][A-Za-z/&,\- ]+?)\s*\((0x[0-9A-Fa-f]+)\s*[-–]\s*(0x[0-9A-Fa-f]+)\)/g)) {
        const category = categoryByHeading(range[1].trim());
        const [min, max] = [Number.parseInt(range[2], 16), Number.parseInt(range[3], 16)];
        if (category && (category.min !== min || category.max !== max)) {
          error(at, `the text gives ${category.heading} as ${range[2]}-${range[3]}; the category is ${hexShort(category.min)}–${hexShort(category.max)}`);
        }
      }
    });
  }

  // 5. completeness
  for (const value of spec.values) {
    if (!seen.has(value.name)) {
      const category = categoryOfValue(value.value);
      const sectionEntry = parsed.entries.find((e) => category && categoryByHeading(e.section)?.slug === category.slug);
      error(sectionEntry?.sectionLine ?? 1, `missing entry for ${value.name} (${hexShort(value.value)}, ${value.value}; since v${value.introduced})${category ? ` under "## ${category.heading}"` : ''}`);
    }
  }

  return diagnostics.sort((a, b) => a.line - b.line);
}

/** `file:line: severity: message`, one per line. */
export function formatDiagnostics(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map((d) => `${d.file}:${d.line}: ${d.severity}: ${d.message}`).join('\n');
}
