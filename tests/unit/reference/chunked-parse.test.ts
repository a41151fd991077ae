/**
 * parseMarkdown parses the reference one heading-led chunk at a time (micromark is quadratic on one
 * big document). The tree must be exactly remark's tree of the whole text, positions included, for
 * every construct that could hide a heading line: fences, HTML blocks, lists, quotes, line endings.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { chunkStarts, parseMarkdown } from '../../../src/reference/parse.ts';
import { CONTENT_DIR } from '../../../src/reference/registry.ts';

const whole = (text: string) => unified().use(remarkParse).parse(text);
const md = (...lines: string[]) => lines.join('\n') + '\n';

const CASES: Record<string, string> = {
  'plain sections': md('# Title', '', 'intro', '## Two', 'para', '### Three', '- a', '- b', '#### Four', 'text'),
  'heading in a backtick fence': md('## A', '```bash', '# not a heading', '## nor this', '```', '## B', 'after'),
  'longer closing fence and a shorter fake closer': md('## A', '````md', '```', '# inside', '```', '````', '# out'),
  'tilde fence with backticks inside': md('## A', '~~~', '```', '# inside', '~~~', '# out'),
  'backtick info string with a backtick is not a fence': md('## A', '``` a`b', '# heading', 'x'),
  'unclosed fence runs to the end': md('## A', '```', '# inside', '## still inside'),
  'HTML comment over heading lines': md('## A', '<!--', '# hidden', '-->', '# shown'),
  'one-line HTML comment': md('## A', '<!-- note -->', '# shown'),
  'pre block': md('## A', '<pre>', '# kept', '</pre>', '# shown'),
  'indented heading inside a list item': md('## A', '- item', '  ### in the item', '  text', '### out', 'x'),
  'heading after a quote and lazy text': md('> quote', 'lazy', '# heading', '> again'),
  'indented code is not a heading line': md('## A', '', '    # code', '# real'),
  'setext heading before ATX': md('Title', '=====', '# next', 'body'),
  'empty heading and trailing #': md('#', '## A ##', 'x', '###'),
  'link definitions force one parse': md('## A', 'see [x][y]', '## B', '', '[y]: https://example.org'),
  'no final newline': '## A\nx\n## B\ny',
};

describe('parseMarkdown gives remark\'s tree of the whole text', () => {
  for (const [name, text] of Object.entries(CASES)) {
    for (const [ending, t] of [['LF', text], ['CRLF', text.replace(/\n/g, '\r\n')], ['CR', text.replace(/\n/g, '\r')]] as const) {
      it(`${name} (${ending})`, () => {
        expect(parseMarkdown(t).children).toEqual(whole(t).children);
      });
    }
  }

  it('the real reference, in chunks', () => {
    const text = readFileSync(join(CONTENT_DIR, 'ckr-reference.md'), 'utf8');
    expect(chunkStarts(text).length).toBeGreaterThan(100);
    expect(parseMarkdown(text).children).toEqual(whole(text).children);
  });
});

describe('chunkStarts', () => {
  it('starts a chunk at each heading line outside fences and HTML blocks', () => {
    const text = CASES['heading in a backtick fence'];
    expect(chunkStarts(text)).toEqual([0, text.indexOf('## B')]);
    const html = CASES['HTML comment over heading lines'];
    expect(chunkStarts(html)).toEqual([0, html.indexOf('# shown')]);
  });
  it('does not split a document with link reference definitions', () => {
    expect(chunkStarts(CASES['link definitions force one parse'])).toEqual([0]);
  });
});
