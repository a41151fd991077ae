/**
 * The words a person types for a code, indexed with a high Pagefind weight on the code's page so that
 * `CKR_PIN_INCORRECT`, `PIN_INCORRECT`, `pin incorrect`, `0xA0`, `0x000000A0` and `160` all rank that
 * page first.
 */
import type { CodeRecord } from '../reference/types.ts';

export function searchTerms(code: Pick<CodeRecord, 'name' | 'hex' | 'hexShort' | 'decimal'>): string {
  const bare = code.name.replace(/^CKR_/, '');
  return [
    code.name,
    bare,
    bare.toLowerCase().replace(/_/g, ' '),
    code.hexShort,
    code.hexShort.toLowerCase(),
    code.hex,
    code.hex.toLowerCase(),
    String(code.decimal),
  ].join(' ');
}
