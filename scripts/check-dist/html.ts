/**
 * A small, fast HTML scanner: start tags with their attributes, in document order. Enough for a link
 * checker over our own build (Astro's output is well formed); not a general parser. Comments and
 * doctypes are skipped; the content of raw-text elements (script, style, title, textarea) is handed to
 * the callback and never scanned for tags.
 */

export type Attributes = ReadonlyMap<string, string>;

const TOKEN = /<!--[\s\S]*?(?:-->|$)|<![^>]*>|<(\/?)([a-zA-Z][^\s/>]*)([^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*)>/g;
const ATTRIBUTE = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const RAW_TEXT_END: Record<string, RegExp> = Object.fromEntries(
  ['script', 'style', 'title', 'textarea'].map((name) => [name, new RegExp(`</${name}\\s*>`, 'gi')]),
);

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decode character references (numeric, and the few named ones a build emits). */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#[xX][0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (all, ref: string) => {
    if (ref[0] !== '#') return NAMED[ref.toLowerCase()] ?? all;
    const point = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1));
    return point <= 0x10ffff ? String.fromCodePoint(point) : all;
  });
}

/**
 * Calls `onTag` for each start tag: lower-case name, attributes (first wins, values decoded), the raw
 * text of a raw-text element, and the tag's offset in `html`.
 */
export function scanTags(html: string, onTag: (name: string, attributes: Attributes, text: string, at: number) => void): void {
  const token = new RegExp(TOKEN);
  for (let match = token.exec(html); match; match = token.exec(html)) {
    if (match[2] === undefined || match[1] === '/') continue;
    const name = match[2].toLowerCase();
    const attributes = new Map<string, string>();
    for (const a of match[3].matchAll(ATTRIBUTE)) {
      const key = a[1].toLowerCase();
      if (!attributes.has(key)) attributes.set(key, decodeEntities(a[2] ?? a[3] ?? a[4] ?? ''));
    }
    let text = '';
    const end = RAW_TEXT_END[name];
    if (end && !match[0].endsWith('/>')) {
      end.lastIndex = token.lastIndex;
      const close = end.exec(html);
      text = html.slice(token.lastIndex, close ? close.index : html.length);
      token.lastIndex = close ? end.lastIndex : html.length;
    }
    onTag(name, attributes, text, match.index);
  }
}

/**
 * The visible text of a document: scripts, styles, comments, hidden and aria-hidden elements (search
 * terms, for one) and tags removed, entities decoded. Hidden elements are matched to the first closing
 * tag of their name: enough for the flat ones pages hide.
 */
export function textContent(html: string): string {
  return decodeEntities(
    html
      .replace(/<(script|style|template)\b[\s\S]*?<\/\1\s*>/gi, ' ')
      .replace(/<!--[\s\S]*?-->/g, ' ')
      .replace(/<([a-zA-Z][\w-]*)(?=[^>]*\s(?:hidden(?:="[^"]*")?|aria-hidden="true")[\s/>])[^>]*>[\s\S]*?<\/\1\s*>/g, ' ')
      .replace(/<[^>]*>/g, ' '),
  ).replace(/\s+/g, ' ');
}

/** Whether `token` occurs in `text` as a whole word (not inside a longer name or number). */
export function hasToken(text: string, token: string): boolean {
  const word = /[A-Za-z0-9_]/;
  for (let at = text.indexOf(token); at >= 0; at = text.indexOf(token, at + 1)) {
    if (!word.test(text[at - 1] ?? ' ') && !word.test(text[at + token.length] ?? ' ')) return true;
  }
  return false;
}
