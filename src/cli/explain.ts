/**
 * The one explain path. `explain-error <input>` and every failed PKCS#11 call end here: the input (or
 * the failure's number) goes through the shared lookup, the registry gives the text, and
 * format-explanation.ts prints it. `--json` prints the Explanation object itself.
 *
 * The number decides, never a name: pkcs11js only knows 2.40 names, our registry knows all of them.
 */
import type { CodeRecord, Step } from '../reference/types.ts';
import { openRegistry, type RegistryIndex, type RegistryReader } from '../reference/cache.ts';
import { categoryOfValue } from '../reference/categories.ts';
import { createLookup, hexPadded, hexShort, type LookupResult } from '../lookup/lookup.ts';
import { plainText } from '../site/text.ts';
import { ANCHORS, codePath, contextPath, lookupPath, withBase } from '../urls.ts';
import type { CkrFailure } from './errors.ts';

/** Operation context steps: the code's own `**Context: <id>**` block, else the context's generic steps. */
export interface ContextGuide {
  id: string;
  source: 'code' | 'context';
  steps: Step[];
  url: string;
}

export interface Explanation {
  kind: LookupResult['kind'];
  /** The lookup's one-line reading of the input. */
  message: string;
  note?: string;
  /** The input was a near miss ("did you mean"). */
  suggestion?: boolean;
  /** Other readings of an ambiguous input (`100`: decimal 100, or hex 0x100). */
  alternatives?: string[];
  /** The code's name (for a vendor value, CKR_VENDOR_DEFINED; for a historical value, its old name). */
  name?: string;
  value?: number;
  /** `0x000000A0` */
  hex?: string;
  /** `0xA0` */
  hexShort?: string;
  decimal?: number;
  /** Category slug and label. */
  category?: string;
  categoryLabel?: string;
  /** Plain text. */
  meaning?: string;
  causes?: string[];
  solutions?: Step[];
  context?: ContextGuide;
  /** The page to read. */
  url?: string;
  candidates?: { name: string; hex: string; reason: string; url: string }[];
  /** For a failed call: the PKCS#11 function that returned the code. */
  function?: string;
}

/** The lookup index at once; each code's and context's full record read when it is explained. */
interface Reference {
  index: RegistryIndex;
  records: RegistryReader;
  lookup: (input: string) => LookupResult;
}

let reference: Reference | undefined;
const VENDOR_DEFINED = 0x80000000;

/** The registry and lookup, built once per process. CKR_CONTENT_DIR points at another content folder. */
export function loadReference(env: Record<string, string | undefined> = process.env): Reference {
  if (!reference) {
    const records = env.CKR_CONTENT_DIR ? openRegistry(env.CKR_CONTENT_DIR) : openRegistry();
    const { index } = records;
    reference = { index, records, lookup: createLookup({ codes: index.codes, historical: index.historical }) };
  }
  return reference;
}

/** The context a failed function belongs to (each function is in at most one), else the command's. */
export function contextOfFunction(index: RegistryIndex, fn: string, fallback: string): string {
  return index.contexts.find((c) => c.functions.includes(fn))?.id ?? fallback;
}

export function contextGuide(ref: Reference, code: CodeRecord | undefined, id: string, baseUrl: string): ContextGuide | undefined {
  const own = code?.contexts.find((c) => c.id === id);
  if (code && own && own.steps.length > 0) {
    return { id, source: 'code', steps: own.steps, url: `${withBase(baseUrl, codePath(code.name))}#${ANCHORS.context(id)}` };
  }
  const generic = ref.records.context(id);
  if (generic && generic.steps.length > 0) {
    return { id, source: 'context', steps: generic.steps, url: withBase(baseUrl, contextPath(id)) };
  }
  return undefined;
}

function valueFacts(value: number) {
  const category = categoryOfValue(value);
  return {
    value,
    hex: hexPadded(value),
    hexShort: hexShort(value),
    decimal: value,
    category: category?.slug ?? 'unassigned',
    categoryLabel: category?.label ?? 'Unassigned',
  };
}

function codeFacts(code: CodeRecord, baseUrl: string) {
  return { name: code.name, ...valueFacts(code.value), meaning: plainText(code.meaning), url: withBase(baseUrl, codePath(code.name)) };
}

/** A lookup result as an Explanation. `full` adds causes and solutions (explain-error). */
export function explainResult(ref: Reference, result: LookupResult, options: { baseUrl: string; context?: string; full?: boolean }): Explanation {
  const { baseUrl, full = false } = options;
  const base: Explanation = {
    kind: result.kind,
    message: result.message,
    ...('note' in result && result.note ? { note: result.note } : {}),
    ...('suggestion' in result && result.suggestion ? { suggestion: true } : {}),
    ...('alternatives' in result && result.alternatives.length ? { alternatives: result.alternatives.map((a) => a.message) } : {}),
  };
  switch (result.kind) {
    case 'code': {
      const code = ref.records.code(result.code.name);
      if (!code) return { ...base, name: result.code.name, ...valueFacts(result.code.value) };
      const context = options.context ? contextGuide(ref, code, options.context, baseUrl) : undefined;
      return {
        ...base,
        ...codeFacts(code, baseUrl),
        ...(full ? { causes: code.causes.map(plainText), solutions: code.solutions } : {}),
        ...(context ? { context } : {}),
      };
    }
    case 'vendor': {
      const vendor = full ? ref.records.code('CKR_VENDOR_DEFINED') : undefined;
      return {
        ...base,
        name: 'CKR_VENDOR_DEFINED',
        ...valueFacts(result.value),
        meaning: `CKR_VENDOR_DEFINED + ${result.offsetHex}: defined by the module's vendor, see its documentation.`,
        ...(vendor && full ? { causes: vendor.causes.map(plainText), solutions: vendor.solutions } : {}),
        url: withBase(baseUrl, codePath('CKR_VENDOR_DEFINED')),
      };
    }
    case 'historical': {
      const seeAlso = result.seeAlso ? ref.records.code(result.seeAlso.name) : undefined;
      return {
        ...base,
        name: result.entry.name,
        ...valueFacts(result.value),
        meaning: `${result.entry.status}: ${result.entry.note}`,
        url: seeAlso ? withBase(baseUrl, codePath(seeAlso.name)) : withBase(baseUrl, lookupPath(result.hex)),
      };
    }
    case 'unassigned':
      return { ...base, ...valueFacts(result.value), meaning: result.message, url: withBase(baseUrl, lookupPath(result.hex)) };
    case 'candidates':
      return {
        ...base,
        candidates: result.candidates.map((c) => ({
          name: c.name,
          hex: c.hex,
          reason: c.reason,
          url: withBase(baseUrl, c.code ? codePath(c.name) : lookupPath(c.hex)),
        })),
      };
    case 'none':
      return base;
  }
}

/** A failed PKCS#11 call explained in the context of the function that failed. */
export function explainFailure(failure: CkrFailure, commandContext: string, baseUrl: string, env?: Record<string, string | undefined>): Explanation {
  let ref: Reference;
  try {
    ref = loadReference(env);
  } catch (e) {
    // Without the reference we still know the number and where it came from.
    const note = `the reference is unavailable (${(e as Error).message}); look the value up on the site`;
    return {
      kind: 'code',
      message: note,
      note,
      function: failure.fn,
      ...valueFacts(failure.value),
      url: withBase(baseUrl, lookupPath(hexShort(failure.value))),
    };
  }
  const result = ref.lookup(hexPadded(failure.value));
  const id = contextOfFunction(ref.index, failure.fn, commandContext);
  // A number always has a reading (code, vendor, historical, unassigned); should the lookup ever miss
  // one, the value itself still decides.
  const explanation: Explanation =
    result.kind === 'none' || result.kind === 'candidates'
      ? {
          kind: failure.value >= VENDOR_DEFINED ? ('vendor' as const) : ('unassigned' as const),
          message: `${hexShort(failure.value)} (${failure.value})`,
          ...(failure.value >= VENDOR_DEFINED ? { name: 'CKR_VENDOR_DEFINED' } : {}),
          ...valueFacts(failure.value),
          url: withBase(baseUrl, failure.value >= VENDOR_DEFINED ? codePath('CKR_VENDOR_DEFINED') : lookupPath(hexShort(failure.value))),
        }
      : explainResult(ref, result, { baseUrl, context: id });
  if (!explanation.context && result.kind !== 'code') {
    const context = contextGuide(ref, undefined, id, baseUrl);
    if (context) explanation.context = context;
  }
  return { function: failure.fn, ...explanation };
}
