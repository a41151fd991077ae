/**
 * parseReference: the reference markdown (content/ckr-reference.md, or the seed) -> typed entries with
 * line numbers. unified + remark-parse give the mdast; this module walks its top-level blocks.
 * Markdown fragments (causes, steps...) are kept as slices of the source so nothing is lost or
 * re-serialised differently.
 *
 * Structural problems (headings not in the format, unknown labels, unclosed fences, empty files)
 * become diagnostics; spec facts (values, missing codes, categories) are checked by validate.ts.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { toString } from 'mdast-util-to-string';
import type { Code, Heading, List, Paragraph, Root, RootContent } from 'mdast';
import type {
  Diagnostic,
  ParsedContext,
  ParsedEntry,
  ParsedReference,
  ProseSection,
  Step,
} from './types.ts';
import { categoryByHeading } from './categories.ts';

/** The `##` heading of the contexts section. */
export const CONTEXTS_HEADING = 'Context-Specific Troubleshooting';

/** `### CKR_NAME (0x000000A0, 160)` exactly: one space after ###, 8 hex digits, one space after the comma. */
const STRICT_ENTRY = /^### (CKR_[A-Z0-9_]+) \((0x[0-9A-F]{8}), (\d+)\)$/;
/** Anything that looks like an entry heading, to say what is wrong with it. */
const LOOSE_ENTRY = /^#{3}\s+(CKR_[A-Za-z0-9_]+)\s*(?:\((.*)\))?\s*(.*)$/i;

/** Labels an entry may use, normalised to lower case, and what they hold. */
const ENTRY_LABELS = new Set([
  'meaning',
  'common causes',
  'solutions',
  'seen on softhsm2',
  'related',
  'no troubleshooting needed',
]);
const CONTEXT_LABELS = new Set(['context', 'functions', 'about', 'troubleshooting steps', 'worked example']);
const CONTEXT_LABEL_PREFIX = 'context:';

const processor = unified().use(remarkParse);

/**
 * remark's parser (micromark) slows down quadratically on one big document: its container pass
 * re-splices the whole event list as blocks close (2.4 MB, 1,000 entries: 40 s, 84% of it in
 * micromark-util-edit-map). The reference is a flat run of headed blocks, so it is parsed one
 * heading-led chunk at a time and the chunks' positions are shifted back into the file's
 * coordinates: the same tree, in linear time.
 *
 * A chunk starts at an unindented ATX heading line that CommonMark cannot read as anything else:
 * not inside a top-level fenced code block or a raw HTML block of kinds 1-5 (which run to their end
 * marker); any other container (list, quote, indented code, paragraph) ends at such a line. Link
 * reference definitions apply document-wide, so a document that has one is parsed whole.
 */
const ATX_HEADING = /^#{1,6}(?:[ \t]|$)/;
const FENCE_OPEN = /^ {0,3}(`{3,}(?=[^`]*$)|~{3,})/;
const HTML_BLOCK: readonly (readonly [RegExp, RegExp])[] = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?:[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];
const LINK_DEFINITION = /^ {0,3}\[(?:[^\]\\]|\\.)+\]:/m;

/** Offsets where a chunk may start (always includes 0). Lines end at \n, \r\n or a lone \r, as in remark. */
export function chunkStarts(text: string): number[] {
  const starts = [0];
  if (LINK_DEFINITION.test(text)) return starts;
  let fence: string | undefined;
  let htmlEnd: RegExp | undefined;
  let at = 0;
  while (at < text.length) {
    let end = at;
    while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    const line = text.slice(at, end);
    const next = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
    if (fence !== undefined) {
      const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
      if (close && close[1][0] === fence[0] && close[1].length >= fence.length) fence = undefined;
    } else if (htmlEnd !== undefined) {
      if (htmlEnd.test(line)) htmlEnd = undefined;
    } else if (ATX_HEADING.test(line)) {
      if (at > 0) starts.push(at);
    } else {
      const open = FENCE_OPEN.exec(line);
      if (open) fence = open[1];
      else {
        const html = HTML_BLOCK.find(([start]) => start.test(line));
        if (html && !html[1].test(line.slice(line.indexOf('<') + 1))) htmlEnd = html[1];
      }
    }
    at = next;
  }
  return starts;
}

type Positioned = { position?: { start: { line: number; offset?: number }; end: { line: number; offset?: number } }; children?: unknown[] };

function shift(node: Positioned, lines: number, offset: number): void {
  if (node.position) {
    node.position.start.line += lines;
    node.position.end.line += lines;
    if (node.position.start.offset !== undefined) node.position.start.offset += offset;
    if (node.position.end.offset !== undefined) node.position.end.offset += offset;
  }
  if (node.children) for (const child of node.children) shift(child as Positioned, lines, offset);
}

/** The mdast of `text`, parsed chunk by chunk (see chunkStarts), with positions in `text`. */
export function parseMarkdown(text: string): Root {
  const starts = chunkStarts(text);
  if (starts.length === 1) return processor.parse(text) as Root;
  const root: Root = { type: 'root', children: [] };
  let line = 0;
  for (let i = 0; i < starts.length; i++) {
    const chunk = text.slice(starts[i], starts[i + 1] ?? text.length);
    const tree = processor.parse(chunk) as Root;
    for (const child of tree.children) {
      shift(child as Positioned, line, starts[i]);
      root.children.push(child);
    }
    // Lines in this chunk: it ends with a line ending (every chunk but the last does).
    for (let k = 0; k < chunk.length; k++) {
      const c = chunk.charCodeAt(k);
      if (c === 10 || (c === 13 && chunk.charCodeAt(k + 1) !== 10)) line++;
    }
  }
  const last = root.children[root.children.length - 1];
  root.position = { start: { line: 1, column: 1, offset: 0 }, end: last?.position?.end ?? { line: 1, column: 1, offset: 0 } };
  return root;
}

interface Slicer {
  /** Source text of a node (or of a range of nodes). */
  slice(from: RootContent | { position?: RootContent['position'] }, to?: { position?: RootContent['position'] }): string;
  lineText(line: number): string;
}

function makeSlicer(text: string): Slicer {
  // Line endings as remark counts them (\n, \r\n and a lone \r), so its line numbers index this table.
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) lineStarts.push(i + 1);
  }
  return {
    slice(from, to = from) {
      const start = from.position?.start.offset ?? 0;
      const end = to.position?.end.offset ?? start;
      return text.slice(start, end);
    },
    lineText(line) {
      const start = lineStarts[line - 1] ?? text.length;
      const end = lineStarts[line] ?? text.length;
      return text.slice(start, end).replace(/\r?\n$|\r$/, '');
    },
  };
}

const lineOf = (node: { position?: RootContent['position'] }): number => node.position?.start.line ?? 1;

/** Remove the list-item bullet and the seed's `→ ` arrow from a step. */
const cleanStep = (markdown: string): string => markdown.replace(/^→\s*/, '').trim();

/**
 * A paragraph that starts with bold text is a label: `**Meaning**: text` or `**Troubleshooting Steps:**`.
 * Returns the label (lower case, no colon) and the markdown after it.
 */
function readLabel(paragraph: Paragraph, slicer: Slicer): { label: string; raw: string; rest: string } | undefined {
  const first = paragraph.children[0];
  if (!first || first.type !== 'strong') return undefined;
  const raw = toString(first).trim();
  const label = raw.replace(/:$/, '').trim().toLowerCase();
  const afterStrong = slicer.slice({ position: { start: first.position!.end, end: paragraph.position!.end } });
  const rest = afterStrong.replace(/^\s*[:\-–—]\s*/, '').trim();
  return { label, raw, rest };
}

/** The list items of a list as steps (markdown, line). */
function listSteps(list: List, slicer: Slicer): Step[] {
  return list.children.map((item) => ({
    kind: 'text' as const,
    markdown: cleanStep(item.children.length ? slicer.slice(item.children[0], item.children[item.children.length - 1]) : ''),
    line: lineOf(item),
  }));
}

function codeStep(code: Code): Step {
  return { kind: 'code', lang: code.lang ?? '', code: code.value, line: lineOf(code) };
}

/** Blocks between two headings, grouped under the label paragraph that opens them. */
interface LabelledGroup {
  label: string;
  raw: string;
  rest: string;
  line: number;
  nodes: RootContent[];
}

function groupByLabel(nodes: RootContent[], slicer: Slicer): { before: RootContent[]; groups: LabelledGroup[] } {
  const before: RootContent[] = [];
  const groups: LabelledGroup[] = [];
  for (const node of nodes) {
    if (node.type === 'thematicBreak' || node.type === 'html') continue;
    const label = node.type === 'paragraph' ? readLabel(node, slicer) : undefined;
    if (label) {
      groups.push({ ...label, line: lineOf(node), nodes: [] });
    } else if (groups.length > 0) {
      groups[groups.length - 1].nodes.push(node);
    } else {
      before.push(node);
    }
  }
  return { before, groups };
}

/** Steps (bullets, paragraphs, code blocks) of a group, with its inline text as the first step. */
function groupSteps(group: LabelledGroup, slicer: Slicer): Step[] {
  const steps: Step[] = [];
  if (group.rest) steps.push({ kind: 'text', markdown: group.rest, line: group.line });
  for (const node of group.nodes) {
    if (node.type === 'list') steps.push(...listSteps(node, slicer));
    else if (node.type === 'code') steps.push(codeStep(node));
    else steps.push({ kind: 'text', markdown: cleanStep(slicer.slice(node)), line: lineOf(node) });
  }
  return steps.filter((s) => s.kind === 'code' || s.markdown !== '');
}

/** Paragraph texts of a group, the inline text first. */
function groupParagraphs(group: LabelledGroup, slicer: Slicer): string[] {
  return groupSteps(group, slicer).map((s) => (s.kind === 'text' ? s.markdown : '```' + s.lang + '\n' + s.code + '\n```'));
}

function parseEntry(
  heading: Heading,
  body: RootContent[],
  section: { heading: string; line: number },
  file: string,
  slicer: Slicer,
  diagnostics: Diagnostic[],
): ParsedEntry | undefined {
  const line = lineOf(heading);
  const raw = slicer.lineText(line).replace(/\s+$/, '');
  const error = (message: string, at = line) => diagnostics.push({ file, line: at, severity: 'error', message });

  const strict = STRICT_ENTRY.exec(raw);
  let name: string;
  let headingHex: number | undefined;
  let headingDecimal: number | undefined;
  if (strict) {
    name = strict[1];
    headingHex = Number.parseInt(strict[2], 16);
    headingDecimal = Number(strict[3]);
  } else {
    const loose = LOOSE_ENTRY.exec(raw);
    if (!loose) {
      error(`heading "${raw}" is not in the format "### CKR_NAME (0xHHHHHHHH, DECIMAL)": no code name`);
      return undefined;
    }
    name = loose[1].toUpperCase();
    const inside = loose[2] ?? '';
    const hexMatch = /0x([0-9A-Fa-f]+)/.exec(inside);
    const afterHex = hexMatch ? inside.slice(hexMatch.index + hexMatch[0].length) : inside;
    const decMatch = /^\s*,\s*(\d+)\s*$/.exec(afterHex);
    if (hexMatch) headingHex = Number.parseInt(hexMatch[1], 16);
    if (decMatch) headingDecimal = Number(decMatch[1]);
    const problems: string[] = [];
    if (loose[1] !== name) problems.push('the name must be upper case');
    if (loose[2] === undefined) problems.push('no (0xHHHHHHHH, DECIMAL) after the name');
    else if (!hexMatch) problems.push('no hex value');
    else if (hexMatch[1].length !== 8 || hexMatch[1] !== hexMatch[1].toUpperCase()) problems.push(`hex must be 8 upper-case digits (0x${hexMatch[1].toUpperCase().padStart(8, '0')})`);
    if (hexMatch && !decMatch) problems.push(/\d/.test(afterHex) ? `unreadable decimal "${afterHex.trim()}"` : 'no decimal value');
    if (loose[3]) problems.push(`unexpected text "${loose[3]}" after the values`);
    if (problems.length === 0) problems.push('extra or missing spaces');
    error(`heading "${raw}" is not in the format "### CKR_NAME (0xHHHHHHHH, DECIMAL)": ${problems.join('; ')}`);
  }

  const { before, groups } = groupByLabel(body, slicer);
  const entry: ParsedEntry = {
    name,
    headingHex,
    headingDecimal,
    section: section.heading,
    sectionLine: section.line,
    meaning: '',
    details: [],
    causes: [],
    solutions: [],
    contexts: [],
    related: [],
    line,
    labelLines: {},
  };
  for (const node of before) {
    entry.details.push(slicer.slice(node).trim());
  }
  for (const group of groups) {
    const known = ENTRY_LABELS.has(group.label) || group.label.startsWith(CONTEXT_LABEL_PREFIX);
    if (!known) {
      error(`unknown label **${group.raw}** in ${name} (known: Meaning, Common Causes, Solutions, Seen on SoftHSM2, Context: <id>, Related, No troubleshooting needed)`, group.line);
      continue;
    }
    if (entry.labelLines[group.label] !== undefined) {
      error(`**${group.raw}** appears twice in ${name} (first at line ${entry.labelLines[group.label]})`, group.line);
      continue;
    }
    entry.labelLines[group.label] = group.line;
    switch (group.label) {
      case 'meaning': {
        entry.meaning = group.rest;
        const paragraphs = groupParagraphs({ ...group, rest: '' }, slicer);
        entry.details.push(...paragraphs);
        break;
      }
      case 'common causes':
        entry.causes = groupParagraphs(group, slicer);
        break;
      case 'solutions':
        entry.solutions = groupSteps(group, slicer);
        break;
      case 'seen on softhsm2':
        entry.seenOnSoftHsm = groupParagraphs(group, slicer).join('\n\n');
        break;
      case 'no troubleshooting needed':
        entry.noTroubleshooting = groupParagraphs(group, slicer).join('\n\n') || 'This code does not report a failure.';
        break;
      case 'related':
        entry.related = [...new Set(groupParagraphs(group, slicer).join(' ').match(/CKR_[A-Z0-9_]+/g) ?? [])];
        break;
      default: {
        const id = group.label.slice(CONTEXT_LABEL_PREFIX.length).trim();
        entry.contexts.push({ id, steps: groupSteps({ ...group, rest: group.rest }, slicer), line: group.line });
      }
    }
  }
  return entry;
}

function parseContext(
  heading: Heading,
  body: RootContent[],
  file: string,
  slicer: Slicer,
  diagnostics: Diagnostic[],
): ParsedContext {
  const line = lineOf(heading);
  const title = toString(heading).trim();
  const { before, groups } = groupByLabel(body, slicer);
  const context: ParsedContext = { id: '', title, functions: [], about: [], steps: [], workedExample: [], line, labelLines: {} };
  const exampleOf = (nodes: RootContent[]) => {
    for (const node of nodes) {
      if (node.type === 'code' && /explain-error/.test(node.value) && context.example === undefined) {
        context.example = node.value.trim();
        return true;
      }
    }
    return false;
  };
  exampleOf(before);
  for (const node of before) {
    if (node.type === 'paragraph') context.about.push(slicer.slice(node).trim());
  }
  for (const group of groups) {
    if (!CONTEXT_LABELS.has(group.label)) {
      diagnostics.push({ file, line: group.line, severity: 'error', message: `unknown label **${group.raw}** in context "${title}" (known: Context, Functions, About, Troubleshooting Steps, Worked Example)` });
      continue;
    }
    context.labelLines[group.label] = group.line;
    switch (group.label) {
      case 'context':
        context.id = group.rest.replace(/`/g, '').trim();
        exampleOf(group.nodes); // the example block may follow **Context** or **Functions** directly
        break;
      case 'functions':
        context.functions = [...new Set(groupParagraphs(group, slicer).join(',').match(/C_[A-Za-z0-9]+/g) ?? [])];
        exampleOf(group.nodes);
        break;
      case 'about': {
        const steps = groupSteps(group, slicer);
        for (const step of steps) {
          if (step.kind === 'code' && /explain-error/.test(step.code) && context.example === undefined) context.example = step.code.trim();
          else if (step.kind === 'text') context.about.push(step.markdown);
        }
        break;
      }
      case 'troubleshooting steps':
        context.steps = groupSteps(group, slicer);
        break;
      case 'worked example':
        context.workedExample = groupSteps(group, slicer);
        break;
    }
  }
  if (!context.id && context.example) {
    context.id = /--context\s+([a-z0-9-]+)/.exec(context.example)?.[1] ?? '';
  }
  if (!context.id) {
    diagnostics.push({ file, line, severity: 'error', message: `context "${title}" has no id: add **Context**: <id> (or a \`--context <id>\` example)` });
  }
  return context;
}

/** Fences that remark closed only because the document ended. */
function checkFences(root: Root, text: string, file: string, diagnostics: Diagnostic[]): void {
  const end = text.length;
  const visit = (nodes: RootContent[]) => {
    for (const node of nodes) {
      if (node.type === 'code' && node.position) {
        const source = text.slice(node.position.start.offset, node.position.end.offset);
        const fence = /^ {0,3}(`{3,}|~{3,})/.exec(source);
        if (fence) {
          const lastLine = source.slice(source.lastIndexOf('\n') + 1).trim();
          const closed = source.includes('\n') && lastLine.startsWith(fence[1][0].repeat(fence[1].length)) && /^(`+|~+)$/.test(lastLine);
          if (!closed && (node.position.end.offset ?? 0) >= end - 1) {
            diagnostics.push({ file, line: node.position.start.line, severity: 'error', message: `code fence ${fence[1]} opened here is never closed (everything after it became code)` });
          }
        }
      }
      if ('children' in node && Array.isArray(node.children)) visit(node.children as RootContent[]);
    }
  };
  visit(root.children);
}

export function parseReference(source: string, file: string): ParsedReference {
  const diagnostics: Diagnostic[] = [];
  // A BOM is not content; CRLF is handled by remark (line numbers stay right).
  const text = source.replace(/^\uFEFF/, '');
  const result: ParsedReference = { file, title: '', entries: [], contexts: [], prose: [], diagnostics };
  if (text.trim() === '') {
    diagnostics.push({ file, line: 1, severity: 'error', message: 'the reference is empty' });
    return result;
  }
  const slicer = makeSlicer(text);
  const root = parseMarkdown(text);
  checkFences(root, text, file, diagnostics);

  // Split the document into `##` sections, and each into `###` blocks.
  type Block = { heading: Heading; body: RootContent[] };
  type Section = { heading: Heading | undefined; intro: RootContent[]; blocks: Block[] };
  const sections: Section[] = [{ heading: undefined, intro: [], blocks: [] }];
  for (const node of root.children) {
    const section = sections[sections.length - 1];
    if (node.type === 'heading' && node.depth === 1) {
      if (result.title) diagnostics.push({ file, line: lineOf(node), severity: 'error', message: `a second # title "${toString(node)}" (the first is "${result.title}")` });
      else result.title = toString(node).trim();
    } else if (node.type === 'heading' && node.depth === 2) {
      sections.push({ heading: node, intro: [], blocks: [] });
    } else if (node.type === 'heading' && node.depth === 3) {
      section.blocks.push({ heading: node, body: [] });
    } else if (section.blocks.length > 0) {
      section.blocks[section.blocks.length - 1].body.push(node);
    } else {
      section.intro.push(node);
    }
  }

  for (const section of sections) {
    const title = section.heading ? toString(section.heading).trim() : '';
    const sectionLine = section.heading ? lineOf(section.heading) : 1;
    const isContexts = title.toLowerCase() === CONTEXTS_HEADING.toLowerCase();
    const looksLikeEntry = (b: Block) => /^#{3}\s+CKR_/i.test(slicer.lineText(lineOf(b.heading)));
    const isCategory = categoryByHeading(title) !== undefined || section.blocks.some(looksLikeEntry);
    if (isContexts) {
      if (section.intro.length) result.prose.push({ heading: title, markdown: slicer.slice(section.intro[0], section.intro[section.intro.length - 1]).trim(), line: sectionLine, markdownLine: lineOf(section.intro[0]) });
      for (const block of section.blocks) result.contexts.push(parseContext(block.heading, block.body, file, slicer, diagnostics));
    } else if (isCategory && section.heading) {
      for (const block of section.blocks) {
        if (!looksLikeEntry(block)) {
          diagnostics.push({ file, line: lineOf(block.heading), severity: 'error', message: `"${slicer.lineText(lineOf(block.heading))}" in category "${title}" is not a code entry (### CKR_NAME (0xHHHHHHHH, DECIMAL))` });
          continue;
        }
        const entry = parseEntry(block.heading, block.body, { heading: title, line: sectionLine }, file, slicer, diagnostics);
        if (entry) result.entries.push(entry);
      }
    } else if (section.heading) {
      const nodes = [...section.intro, ...section.blocks.flatMap((b) => [b.heading as RootContent, ...b.body])];
      const prose: ProseSection = {
        heading: title,
        markdown: nodes.length ? slicer.slice(nodes[0], nodes[nodes.length - 1]).trim() : '',
        line: sectionLine,
        markdownLine: nodes.length ? lineOf(nodes[0]) : sectionLine,
      };
      result.prose.push(prose);
    } else {
      // Before the first `##`: an entry here has no category, say so rather than drop it silently.
      for (const block of section.blocks.filter(looksLikeEntry)) {
        diagnostics.push({ file, line: lineOf(block.heading), severity: 'error', message: `"${slicer.lineText(lineOf(block.heading)).trim()}" is not under a ## category heading` });
      }
      if (section.intro.length) result.prose.push({ heading: '', markdown: slicer.slice(section.intro[0], section.intro[section.intro.length - 1]).trim(), line: lineOf(section.intro[0]), markdownLine: lineOf(section.intro[0]) });
    }
  }
  if (!result.title) diagnostics.push({ file, line: 1, severity: 'warning', message: 'no # title' });
  return result;
}
