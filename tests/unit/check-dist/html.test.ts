/** The scanner and link resolution the checks stand on. */
import { describe, expect, it } from 'vitest';
import { decodeEntities, hasToken, scanTags, textContent } from '../../../scripts/check-dist/html.ts';
import { fileAt, normaliseBase, readPage, refreshTarget, resolveLink } from '../../../scripts/check-dist/build.ts';
import { formatFailures, parseTarget } from '../../../scripts/check-dist/run.ts';

const tags = (html: string) => {
  const out: string[] = [];
  scanTags(html, (name, attributes, text) => out.push(`${name}${[...attributes].map(([k, v]) => ` ${k}=${v}`).join('')}${text ? ` |${text}|` : ''}`));
  return out;
};

describe('scanTags', () => {
  it('reads quoted, unquoted and valueless attributes, and decodes entities', () => {
    expect(tags(`<a href="/a/?x=1&amp;y=2" data-x='q"r' id=top hidden>x</a><br/><img src="/i.png"/>`)).toEqual([
      'a href=/a/?x=1&y=2 data-x=q"r id=top hidden=', 'br', 'img src=/i.png',
    ]);
  });

  it('skips comments, doctypes and end tags, and never looks for tags inside scripts or styles', () => {
    expect(tags(`<!DOCTYPE html><!-- <a href="/c/"> --><script>if (a<b) x = "<a href='/s/'>";</script><style>a>b{}</style><p title="a > b">`)).toEqual([
      `script |if (a<b) x = "<a href='/s/'>";|`, 'style |a>b{}|', 'p title=a > b',
    ]);
  });

  it('gives the text of the title', () => {
    expect(tags('<title>A &amp; B</title><h1>x</h1>')).toEqual(['title |A &amp; B|', 'h1']);
  });
});

describe('text helpers', () => {
  it('decodes numeric and named entities', () => {
    expect(decodeEntities('&#x41;&#66;&lt;&nbsp;&unknown;')).toBe('AB<\u00a0&unknown;');
  });

  it('finds whole tokens only', () => {
    const text = textContent('<p>0x000000A0 · <code>160</code></p><script>"0xA0"</script><p class="terms" aria-hidden="true">0xA0</p><div hidden>0xA0</div>');
    expect(hasToken(text, '160')).toBe(true);
    expect(hasToken(text, '16')).toBe(false);
    expect(hasToken(text, '0xA0')).toBe(false);
    expect(hasToken(text, '0x000000A0')).toBe(true);
    expect(textContent('<svg aria-hidden="true"><path d="M0"/></svg>A<div class="x" hidden="">B</div>C<p aria-hidden="false">D</p>').trim()).toBe('A C D');
  });
});

describe('links', () => {
  const build = { base: '/ckr-ref/', origin: 'https://ckr-ref.org', files: new Set(['index.html', 'codes/a/index.html', '404.html', 'codes.json']) };
  const resolve = (raw: string, page = '/ckr-ref/codes/a/') => {
    const { kind, path, fragment, file } = resolveLink(build, page, raw, { tag: 'a', attr: 'href' });
    return { kind, path, fragment, file };
  };

  it('resolves relative, absolute-path and same-origin links under the base', () => {
    expect(resolve('#x%20y')).toEqual({ kind: 'internal', path: '/ckr-ref/codes/a/', fragment: 'x y', file: 'codes/a/index.html' });
    expect(resolve('../../')).toEqual({ kind: 'internal', path: '/ckr-ref/', fragment: '', file: 'index.html' });
    expect(resolve('/ckr-ref')).toEqual({ kind: 'internal', path: '/ckr-ref', fragment: '', file: 'index.html' });
    expect(resolve('https://ckr-ref.org/ckr-ref/codes/a?x#y')).toEqual({ kind: 'internal', path: '/ckr-ref/codes/a', fragment: 'y', file: 'codes/a/index.html' });
    expect(resolve('/ckr-ref/404/').file).toBe('404.html');
    expect(resolve('/ckr-ref/codes.json').file).toBe('codes.json');
    expect(resolve('/ckr-ref/nope/').file).toBeUndefined();
  });

  it('tells outside, external and other links apart', () => {
    expect(resolve('/codes/a/').kind).toBe('outside');
    expect(resolve('../../../x/').kind).toBe('outside');
    expect(resolve('//cdn.example/x.js').kind).toBe('external');
    expect(resolve('https://example.org/').kind).toBe('external');
    expect(resolve('mailto:x@example.org').kind).toBe('other');
    expect(resolve('javascript:void 0').kind).toBe('other');
  });

  it('reads meta refresh targets and page facts', () => {
    expect(refreshTarget('0;url=/a/')).toBe('/a/');
    expect(refreshTarget("0; URL='/a/'")).toBe('/a/');
    expect(refreshTarget('5')).toBeUndefined();
    const page = readPage(build, 'codes/a/index.html',
      '<title>T</title><meta http-equiv="Refresh" content="0;url=../../"><link rel="canonical" href="https://ckr-ref.org/ckr-ref/"><main><h1 id="t">T</h1><a name="n" href="#t" onclick="x()">x</a></main>');
    expect(page.url).toBe('/ckr-ref/codes/a/');
    expect(page.refresh?.file).toBe('index.html');
    expect([page.title, page.h1, page.canonical, [...page.ids], page.handlers]).toEqual(['T', 1, 'https://ckr-ref.org/ckr-ref/', ['t', 'n'], ['a onclick']]);
    expect(page.links.map((l) => l.inMain)).toEqual([false, false, true]);
  });

  it('normalises bases and finds files', () => {
    expect([normaliseBase(''), normaliseBase('ckr-ref'), normaliseBase('/ckr-ref//')]).toEqual(['/', '/ckr-ref/', '/ckr-ref/']);
    expect(fileAt(build, '/codes/a/')).toBeUndefined();
  });
});

describe('command line and report', () => {
  it('splits folder and base', () => {
    expect(parseTarget('dist')).toEqual({ dir: 'dist', base: '/' });
    expect(parseTarget('dist-base:/ckr-ref/')).toEqual({ dir: 'dist-base', base: '/ckr-ref/' });
  });

  it('prints a link broken on many pages once', () => {
    expect(formatFailures([
      { page: '/a/', link: '/x/', problem: 'no file for /x/' },
      { page: '/a/', link: '/x/', problem: 'no file for /x/' },
      { page: '/b/', link: '/x/', problem: 'no file for /x/' },
      { page: '/c/', link: '/x/', problem: 'no file for /x/' },
      { page: '/d/', link: '', problem: 'orphan' },
    ])).toEqual(['/a/ -> /x/: no file for /x/ (and 2 more pages)', '/d/: orphan']);
  });
});
