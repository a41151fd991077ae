/**
 * Which codes a context page lists: those the spec's return-value lists give for the context's
 * functions (so the list follows from the functions), split into codes with guidance specific to the
 * context and the rest. Codes that apply to every function by rule are left to the rules line.
 */
import type { CodeRecord, ContextRecord } from '../reference/types.ts';
import { FUNCTION_RULES } from '../reference/function-rules.ts';

const BY_RULE_EVERYWHERE = new Set(
  FUNCTION_RULES.filter((r) => ['universal', 'not-initialized', 'not-supported'].includes(r.id)).flatMap((r) => r.codes),
);

export interface ContextCodes {
  /** Codes with a `**Context: <id>**` block, by value. */
  withGuidance: CodeRecord[];
  /** Other codes the context's functions list, by value. */
  listed: CodeRecord[];
  /** Codes any function may return (universal rules), named once. */
  everywhere: CodeRecord[];
}

export function codesForContext(context: ContextRecord, codes: readonly CodeRecord[]): ContextCodes {
  const functions = new Set(context.functions);
  const sorted = [...codes].sort((a, b) => a.value - b.value);
  const withGuidance = sorted.filter((c) => c.contexts.some((x) => x.id === context.id));
  const guided = new Set(withGuidance.map((c) => c.name));
  const listedByFunctions = sorted.filter((c) => c.returnedBy.some((fn) => functions.has(fn)));
  return {
    withGuidance,
    listed: listedByFunctions.filter((c) => !guided.has(c.name) && !BY_RULE_EVERYWHERE.has(c.name)),
    everywhere: sorted.filter((c) => BY_RULE_EVERYWHERE.has(c.name)),
  };
}
