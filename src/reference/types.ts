/**
 * Types of the reference pipeline. Pure data: no Astro, no terminal.
 *
 * parseReference (markdown -> ParsedReference) and validateReference (ParsedReference + spec tables ->
 * Diagnostic[]) produce them; buildRegistry joins them with the spec tables into the Registry that the
 * site, the lookup and the CLI read.
 */

/** A problem in a reference file, always with the line it is on. */
export interface Diagnostic {
  file: string;
  /** 1-based line number. */
  line: number;
  severity: 'error' | 'warning';
  message: string;
}

/** A solution or context step: markdown text (one bullet or paragraph) or a fenced code block. */
export type Step =
  | { kind: 'text'; markdown: string; line: number }
  | { kind: 'code'; lang: string; code: string; line: number };

/** Guidance for one code in one operation context (`**Context: sign**:` in an entry). */
export interface EntryContext {
  /** Context id, e.g. `sign`. */
  id: string;
  steps: Step[];
  line: number;
}

/** One `### CKR_NAME (0x..., dec)` entry exactly as the markdown states it. */
export interface ParsedEntry {
  name: string;
  /** Value from the heading's hex (undefined when unreadable). */
  headingHex?: number;
  /** Value from the heading's decimal (undefined when missing or unreadable). */
  headingDecimal?: number;
  /** The `##` heading the entry sits under. */
  section: string;
  sectionLine: number;
  /** One-line meaning, markdown. */
  meaning: string;
  /** Further paragraphs after the meaning, markdown. */
  details: string[];
  /** Bullets of **Common Causes**, markdown. */
  causes: string[];
  /** **Solutions** as bullets and code blocks, in order. */
  solutions: Step[];
  /** `**No troubleshooting needed**` text, for codes that are not failures. */
  noTroubleshooting?: string;
  /** `**Seen on SoftHSM2**` text, markdown. */
  seenOnSoftHsm?: string;
  contexts: EntryContext[];
  /** Names from `**Related**`. */
  related: string[];
  /** Line of the `###` heading. */
  line: number;
  /** Lines of each labelled section, for diagnostics. */
  labelLines: Record<string, number>;
}

/** One `### ... Operations` block of `## Context-Specific Troubleshooting`. */
export interface ParsedContext {
  id: string;
  title: string;
  functions: string[];
  /** **About** paragraphs, markdown. */
  about: string[];
  /** The `hsm-cli explain-error ... --context id` example, if any. */
  example?: string;
  steps: Step[];
  /** **Worked Example** steps (bullets and code blocks). */
  workedExample: Step[];
  line: number;
  labelLines: Record<string, number>;
}

/** A prose `##` section (Quick Reference, Additional Resources...). */
export interface ProseSection {
  heading: string;
  markdown: string;
  line: number;
  /** Line of the first line of `markdown` (the heading is `line`). */
  markdownLine: number;
}

export interface ParsedReference {
  file: string;
  title: string;
  entries: ParsedEntry[];
  contexts: ParsedContext[];
  prose: ProseSection[];
  /** Structural problems found while parsing (format, labels, fences). */
  diagnostics: Diagnostic[];
}

/** A row of content/ckr-values.tsv. */
export interface SpecValue {
  name: string;
  value: number;
  /** Spec version that introduced the code, e.g. `2.40`. */
  introduced: string;
  note: string;
  inPkcs11js: boolean;
}

/** A row of content/ckr-historical.tsv: a value people meet that is not (or no longer) a spec code. */
export interface HistoricalValue {
  name: string;
  value: number;
  status: 'removed' | 'draft-only' | 'wrong-value';
  note: string;
  /** The spec code to use instead, when there is one (same name, or the code that superseded it). */
  seeAlso?: string;
}

/** A code as every product reads it: spec facts joined with the reference's text. */
export interface CodeRecord {
  name: string;
  value: number;
  /** `0x000000A0` */
  hex: string;
  /** `0xA0` */
  hexShort: string;
  decimal: number;
  /** Category slug. */
  category: string;
  introduced: string;
  inPkcs11js: boolean;
  meaning: string;
  details: string[];
  causes: string[];
  solutions: Step[];
  noTroubleshooting?: string;
  seenOnSoftHsm?: string;
  contexts: EntryContext[];
  related: string[];
  /** Functions whose spec "Return values" list names this code. */
  returnedBy: string[];
  /** Rule that makes this code possible beyond the lists (universal, session-wide...), if any. */
  rules: string[];
  /** Line of the entry in the reference, for "edit this entry" links and diagnostics. */
  line: number;
}

export interface ContextRecord {
  id: string;
  title: string;
  functions: string[];
  about: string[];
  example?: string;
  steps: Step[];
  workedExample: Step[];
  line: number;
}

export interface Registry {
  codes: CodeRecord[];
  contexts: ContextRecord[];
  historical: HistoricalValue[];
  /** function name -> codes its spec list names. */
  functions: Record<string, string[]>;
}
