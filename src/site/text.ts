/** Small text helpers for pages: markdown fragments to plain text for tables, meta and search. */

/** A code span: a run of backticks, text, the same run (CommonMark 6.1). */
const CODE_SPAN = /(`+)(?!`)([\s\S]*?[^`])\1(?!`)/g;
/** Placeholders for code spans while the rest is stripped (private-use characters). */
const HOLD = '\uE000';
const HELD = /\uE000(\d+)\uE001/g;

/**
 * Strip inline markdown (code spans, links, strong and emphasis, backslash escapes) to plain text.
 * Code spans are literal. Emphasis follows CommonMark's flanking rule closely enough for prose: a
 * `*`/`_` run opens only before a non-space and closes only after one, and `_` never inside a word, so
 * `2 * 3 * 4`, `a_b_c` and `CKR_PIN_INCORRECT` keep their characters.
 */
export function plainText(markdown: string): string {
  const spans: string[] = [];
  const text = markdown.replace(CODE_SPAN, (_, _ticks: string, body: string) => {
    spans.push(/^ .*[^ ].* $/s.test(body) ? body.slice(1, -1) : body);
    return `${HOLD}${spans.length - 1}\uE001`;
  });
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(^|[^\\])(\*\*|__)(?=\S)([\s\S]*?\S)\2/g, (m, before: string, run: string, inner: string) =>
      run === '__' && /\w$/.test(before) ? m : `${before}${inner}`)
    .replace(/(^|[^\w*\\])\*(?=[^\s*])([^*]*?[^\s*\\])\*(?!\*)/g, '$1$2')
    .replace(/(^|[^\w\\])_(?=[^\s_])([^_]*?[^\s_\\])_(?!\w)/g, '$1$2')
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .replace(HELD, (_, i: string) => spans[Number(i)])
    .replace(/\s+/g, ' ')
    .trim();
}

/** First sentence (or the whole text when shorter than `max`), for one-line meanings. */
export function oneLine(markdown: string, max = 160): string {
  const text = plainText(markdown);
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 20))}…`;
}
