/** Each check of scripts/check-dist reports what it must on a tiny fake build, and only that. */
import { afterAll, describe, expect, it } from 'vitest';
import { check, edit, redirect, removeSites } from './fixture.ts';

afterAll(removeSites);

const addLink = (files: Map<string, string>, path: string, html: string) => edit(files, path, (t) => t.replace('</main>', `${html}</main>`));

describe('a clean fake build', () => {
  it('passes at the root and under a sub-path', () => {
    expect(check().lines).toEqual([]);
    expect(check(undefined, '/ckr-ref/').lines).toEqual([]);
  });

  it('counts links and anchors, and lists external links without failing on them', () => {
    const { stats } = check();
    expect(stats.links).toBeGreaterThan(100);
    expect(stats.anchors).toBeGreaterThan(10);
    expect([...stats.external.keys()]).toEqual(['https://docs.oasis-open.org/pkcs11/']);
  });
});

describe('link targets and anchors', () => {
  it('reports a link to a page that does not exist', () => {
    const { lines } = check((f) => addLink(f, 'versions/index.html', '<a href="/codes/ckr_nope/">x</a> <a href="../lookup/">ok</a>'));
    expect(lines).toEqual(['link targets and anchors: /versions/ -> /codes/ckr_nope/: no file for /codes/ckr_nope/']);
  });

  it('reports a missing anchor, on another page and on the same page', () => {
    const { lines } = check((f) => addLink(f, 'versions/index.html', '<a href="/codes/ckr_ok/#context-login">x</a><a href="#v2-40">y</a>'));
    expect(lines).toEqual([
      'link targets and anchors: /versions/ -> /codes/ckr_ok/#context-login: no id "context-login" in /codes/ckr_ok/',
      'link targets and anchors: /versions/ -> #v2-40: no id "v2-40" in /versions/',
    ]);
  });

  it('resolves relative links, links without a trailing slash, queries and <a name>', () => {
    const { lines } = check((f) => addLink(f, 'codes/ckr_ok/index.html',
      '<a name="old"></a><a href="../ckr_pin_incorrect/#causes">a</a><a href="/lookup?q=0xA0">b</a><a href="#old">c</a><img src="../../favicon.svg">'));
    expect(lines).toEqual([]);
  });
});

describe('no third-party resources', () => {
  it('reports scripts, stylesheets and fonts from another origin, not plain external links', () => {
    const { lines } = check((f) => {
      addLink(f, 'lookup/index.html', '<script src="https://cdn.example/x.js"></script><a href="https://example.org/">fine</a>');
      edit(f, 'lookup/index.html', (t) => t.replace('</head>', '<link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Inter"></head>'));
      f.set('_astro/font.css', '@import url("https://fonts.example/inter.css"); a { background: url(/x.png) }');
    });
    expect(lines).toEqual([
      'no third-party resources: /lookup/ -> https://fonts.googleapis.com/css2?family=Inter: <link href> loads from another origin',
      'no third-party resources: /lookup/ -> https://cdn.example/x.js: <script src> loads from another origin',
      'no third-party resources: /_astro/font.css -> https://fonts.example/inter.css: imports from another origin',
    ]);
  });
});

describe('base path', () => {
  it('reports links that leave the base, and does not also call them broken', () => {
    const { lines } = check((f) => addLink(f, 'versions/index.html',
      '<a href="/lookup/">a</a><a href="../../codes/ckr_ok/">b</a><a href="https://ckr-ref.org/codes/ckr_ok/">c</a><a href="/ckr-ref/lookup/">ok</a>'), '/ckr-ref/');
    expect(lines).toEqual([
      'base path: /ckr-ref/versions/ -> /lookup/: outside the base /ckr-ref/',
      'base path: /ckr-ref/versions/ -> ../../codes/ckr_ok/: outside the base /ckr-ref/',
      'base path: /ckr-ref/versions/ -> https://ckr-ref.org/codes/ckr_ok/: outside the base /ckr-ref/',
    ]);
  });

  it('reports a short link that redirects outside the base', () => {
    const { lines } = check((f) => f.set('160/index.html', redirect('CKR_PIN_INCORRECT', '/codes/ckr_pin_incorrect/')), '/ckr-ref/');
    expect(lines).toEqual([
      'base path: /ckr-ref/160/ -> /codes/ckr_pin_incorrect/: outside the base /ckr-ref/',
      'base path: /ckr-ref/160/ -> https://ckr-ref.org/codes/ckr_pin_incorrect/: outside the base /ckr-ref/',
      'base path: /ckr-ref/160/ -> /codes/ckr_pin_incorrect/: outside the base /ckr-ref/',
      'short links and redirects: /ckr-ref/160/ -> /codes/ckr_pin_incorrect/: redirects outside the base',
      'short links and redirects: /ckr-ref/160/ -> https://ckr-ref.org/codes/ckr_pin_incorrect/: rel=canonical should be https://ckr-ref.org/ckr-ref/codes/ckr_pin_incorrect/',
    ]);
  });
});

describe('short links and redirects', () => {
  it('reports a short link that lands on the wrong code, and a missing one', () => {
    const { lines } = check((f) => {
      f.set('160/index.html', redirect('CKR_PIN_INCORRECT', '/codes/ckr_ok/'));
      f.delete('0x0/index.html');
    });
    expect(lines).toEqual([
      'short links and redirects: /0x0/: missing short link to CKR_OK',
      'short links and redirects: /160/ -> /codes/ckr_ok/: lands on /codes/ckr_ok/, expected /codes/ckr_pin_incorrect/',
      'short links and redirects: /160/ -> https://ckr-ref.org/codes/ckr_ok/: rel=canonical should be https://ckr-ref.org/codes/ckr_pin_incorrect/',
    ]);
  });

  it('reports any redirect to a missing page, to a redirect, or without a canonical', () => {
    const { lines } = check((f) => {
      f.set('old/index.html', redirect('Old', '/codes/ckr_gone/'));
      f.set('older/index.html', redirect('Older', '/160/'));
      edit(f, 'ckr_ok/index.html', (t) => t.replace(/<link rel="canonical"[^>]*>/, ''));
    });
    expect(lines).toEqual([
      'link targets and anchors: /old/ -> /codes/ckr_gone/: no file for /codes/ckr_gone/',
      'link targets and anchors: /old/ -> https://ckr-ref.org/codes/ckr_gone/: no file for /codes/ckr_gone/',
      'link targets and anchors: /old/ -> /codes/ckr_gone/: no file for /codes/ckr_gone/',
      'short links and redirects: /ckr_ok/: rel=canonical should be https://ckr-ref.org/codes/ckr_ok/',
      'short links and redirects: /old/ -> /codes/ckr_gone/: redirects to /codes/ckr_gone/, which is not a page',
      'short links and redirects: /older/ -> /160/: redirects to /160/, itself a redirect',
    ]);
  });
});

describe('expected pages', () => {
  it('reports a code page that does not show its padded hex, and missing pages', () => {
    const { lines } = check((f) => {
      edit(f, 'codes/ckr_pin_incorrect/index.html', (t) => t.replace('0x000000A0', '0x0000000A0'));
      f.delete('contexts/login/index.html');
      f.delete('cli/info/index.html');
      f.delete('categories/pin/index.html');
      f.set('codes/ckr_extra/index.html', f.get('versions/index.html')!);
    });
    const expected = lines.filter((l) => l.startsWith('expected pages'));
    expect(expected).toEqual([
      'expected pages: /codes/ckr_pin_incorrect/: does not show its padded hex 0x000000A0',
      'expected pages: /codes/ckr_extra/: code page for a code not in content/ckr-values.tsv',
      'expected pages: /codes/: 3 code pages, expected 2',
      'expected pages: /categories/pin/: missing the page of category pin',
      'expected pages: /contexts/login/: missing the page of context login',
      'expected pages: /cli/info/: missing the page of hsm-cli info',
    ]);
  });
});

describe('contexts <-> codes', () => {
  it('reports a context page without the link to a code section, and a code without the link back', () => {
    const { lines } = check((f) => {
      edit(f, 'contexts/login/index.html', (t) => t.replace('/codes/ckr_pin_incorrect/#context-login', '/codes/ckr_pin_incorrect/'));
      edit(f, 'codes/ckr_pin_incorrect/index.html', (t) => t.replace('<a href="/contexts/login/">the login guide', '<a href="/lookup/">the login guide'));
    });
    expect(lines).toEqual([
      'contexts <-> codes: /contexts/login/ -> /codes/ckr_pin_incorrect/#context-login: no link to the login section of CKR_PIN_INCORRECT',
      'contexts <-> codes: /codes/ckr_pin_incorrect/ -> /contexts/login/: no link back to the login context',
    ]);
  });

  it('reports a link to another context\'s section and a section for an unknown context', () => {
    const { lines } = check((f) => {
      addLink(f, 'contexts/login/index.html', '<h2 id="context-sign">x</h2><a href="/codes/ckr_ok/#context-sign">x</a>');
      addLink(f, 'codes/ckr_ok/index.html', '<h2 id="context-sign">Context: sign</h2>');
    });
    expect(lines).toEqual([
      'contexts <-> codes: /contexts/login/ -> /codes/ckr_ok/#context-sign: links to another context\'s section (expected #context-login)',
      'contexts <-> codes: /codes/ckr_ok/ -> #context-sign: section for an unknown context sign',
    ]);
  });
});

describe('no orphan pages', () => {
  it('reports a page no link leads to, but not the 404 page or redirects', () => {
    const { lines } = check((f) => {
      f.set('orphan/index.html', f.get('versions/index.html')!);
      f.set('lost/index.html', redirect('Lost', '/lookup/'));
    });
    expect(lines).toEqual([
      'no orphan pages: /orphan/: orphan: no link leads here from the home page',
      'sitemap: /orphan/: not in the sitemap',
    ]);
  });

  it('does not follow <link> or form actions', () => {
    const { lines } = check((f) => {
      for (const [path, text] of f) if (path.endsWith('.html')) f.set(path, text.replace('<li><a href="/lookup/">/lookup/</a></li>', ''));
    });
    expect(lines).toEqual(['no orphan pages: /lookup/: orphan: no link leads here from the home page']);
  });
});

describe('codes.json', () => {
  const json = (f: Map<string, string>, change: (json: { codes: Record<string, unknown>[] }) => void) => {
    const parsed = JSON.parse(f.get('codes.json')!);
    change(parsed);
    f.set('codes.json', JSON.stringify(parsed));
  };

  it('reports a wrong value and a wrong url', () => {
    const { lines } = check((f) => json(f, ({ codes }) => {
      codes[1].hexShort = '0xa0';
      codes[1].url = 'https://ckr-ref.org/ckr_pin_incorrect/';
    }));
    expect(lines).toEqual([
      'codes.json: /codes.json -> CKR_PIN_INCORRECT: hexShort is "0xa0", expected "0xA0"',
      'codes.json: /codes.json -> https://ckr-ref.org/ckr_pin_incorrect/: url of CKR_PIN_INCORRECT should be https://ckr-ref.org/codes/ckr_pin_incorrect/',
    ]);
  });

  it('reports a missing code, a url without the base, and a file that does not parse', () => {
    expect(check((f) => json(f, ({ codes }) => void codes.pop())).lines).toEqual([
      'codes.json: /codes.json: has 1 codes, expected 2',
      'codes.json: /codes.json -> CKR_PIN_INCORRECT: missing',
    ]);
    expect(check((f) => json(f, ({ codes }) => {
      for (const code of codes) code.url = String(code.url).replace('/ckr-ref/', '/');
    }), '/ckr-ref/').lines).toEqual([
      'codes.json: /ckr-ref/codes.json -> https://ckr-ref.org/codes/ckr_ok/: url of CKR_OK should be https://ckr-ref.org/ckr-ref/codes/ckr_ok/',
      'codes.json: /ckr-ref/codes.json -> https://ckr-ref.org/codes/ckr_pin_incorrect/: url of CKR_PIN_INCORRECT should be https://ckr-ref.org/ckr-ref/codes/ckr_pin_incorrect/',
    ]);
    expect(check((f) => f.set('codes.json', '{"codes": [')).lines).toEqual([
      expect.stringMatching(/^codes\.json: \/codes\.json: does not parse: /),
    ]);
  });
});

describe('page structure', () => {
  it('reports a second <h1>, a missing <title>, inline event handlers and javascript: URLs', () => {
    const { lines } = check((f) => {
      addLink(f, 'lookup/index.html', '<h1>Again</h1><button type="button" onclick="go()">Go</button><a href="javascript:void 0">x</a>');
      edit(f, 'versions/index.html', (t) => t.replace(/<title>.*?<\/title>/, ''));
      edit(f, 'ckr_ok/index.html', (t) => t.replace('<title>CKR_OK</title>', '<title> </title><body onload="x()">'));
    });
    expect(lines).toEqual([
      'page structure: /ckr_ok/: empty <title>',
      'page structure: /ckr_ok/: inline event handler <body onload>',
      'page structure: /lookup/: 2 <h1> elements, expected 1',
      'page structure: /lookup/: inline event handler <button onclick>',
      'page structure: /lookup/ -> javascript:void 0: javascript: URL',
      'page structure: /versions/: no <title>',
    ]);
  });
});

describe('sitemap', () => {
  it('reports a short link listed, a page left out, a foreign URL and a missing file', () => {
    const { lines } = check((f) => {
      edit(f, 'sitemap-0.xml', (x) => x
        .replace('<url><loc>https://ckr-ref.org/versions/</loc></url>', '')
        .replace('</urlset>', '<url><loc>https://ckr-ref.org/160/</loc></url><url><loc>https://example.org/x/</loc></url><url><loc>https://ckr-ref.org/gone/</loc></url></urlset>'));
    });
    expect(lines).toEqual([
      'sitemap: https://ckr-ref.org/sitemap-0.xml -> https://ckr-ref.org/160/: a redirect page (keep redirects out of the sitemap)',
      "sitemap: https://ckr-ref.org/sitemap-0.xml -> https://example.org/x/: not on the site's origin https://ckr-ref.org",
      'sitemap: https://ckr-ref.org/sitemap-0.xml -> https://ckr-ref.org/gone/: no such file in the build',
      'sitemap: /versions/: not in the sitemap',
    ]);
  });

  it('reports a build without a sitemap index', () => {
    expect(check((f) => f.delete('sitemap-index.xml')).lines).toEqual(['sitemap: /sitemap-index.xml: no sitemap index']);
  });

  it('checks the sitemap under a base path', () => {
    expect(check(() => {}, '/ckr-ref/').lines).toEqual([]);
    const { lines } = check((f) => edit(f, 'sitemap-0.xml', (x) => x.replace('https://ckr-ref.org/ckr-ref/lookup/', 'https://ckr-ref.org/lookup/')), '/ckr-ref/');
    expect(lines).toEqual([
      'sitemap: https://ckr-ref.org/ckr-ref/sitemap-0.xml -> https://ckr-ref.org/lookup/: no such file in the build',
      'sitemap: /ckr-ref/lookup/: not in the sitemap',
    ]);
  });
});
