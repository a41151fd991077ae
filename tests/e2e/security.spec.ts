/**
 * Security: every page carries Astro's Content Security Policy (astro.config.mjs `security.csp`), the
 * site's own scripts run under it without a single violation (the automatic guard fixture fails a
 * test on any), there are no inline event handlers, and every request stays on the site's origin,
 * Pagefind's search included.
 */
import type { Page, Request } from '@playwright/test';
import { test, expect, headerBox, headerResult, searchSite, rel, PIN_INCORRECT, PAGES_OF_EACH_KIND } from './helpers.ts';


/** Record every request the page makes (documents, scripts, fetches, WebAssembly, workers). */
function recordRequests(page: Page): Request[] {
  const requests: Request[] = [];
  page.on('request', (request) => requests.push(request));
  page.on('worker', (worker) => requests.push({ url: () => worker.url() } as Request));
  return requests;
}

function expectSameOrigin(requests: Request[], baseURL: string): void {
  const { origin, pathname } = new URL(baseURL);
  const elsewhere = requests.map((r) => r.url()).filter((url) => {
    if (url.startsWith('data:') || url.startsWith('blob:')) return false;
    const u = new URL(url);
    return u.origin !== origin || !u.pathname.startsWith(pathname);
  });
  expect(elsewhere, 'requests leaving the site').toEqual([]);
}

/** Attributes such as onclick=, onerror= anywhere in the DOM. */
const inlineHandlers = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('*')].flatMap((el) =>
      [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `<${el.localName} ${a.name}="${a.value.slice(0, 40)}">`),
    ),
  );

test('each kind of page has the CSP, runs under it, and has no inline handlers nor foreign requests', async ({ page, request, baseURL }) => {
  const requests = recordRequests(page);
  for (const [label, path] of PAGES_OF_EACH_KIND) {
    await test.step(label, async () => {
      // The policy is in the HTML as served, before any script of the page.
      const html = await (await request.get(rel(path))).text();
      const meta = html.match(/<meta http-equiv="content-security-policy" content="([^"]+)"/i);
      expect(meta, `CSP meta on /${path}`).not.toBeNull();
      const policy = meta![1];
      expect(policy).toMatch(/default-src 'self'/);
      expect(policy).toMatch(/script-src 'self' 'wasm-unsafe-eval'( 'sha256-[A-Za-z0-9+/=]+')+;/);
      expect(policy).toContain("script-src-attr 'none'");
      expect(policy).toContain("object-src 'none'");
      expect(policy).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
      const at = html.indexOf('http-equiv="content-security-policy"');
      const firstModule = html.indexOf('<script type="module"');
      expect(at, 'CSP meta in <head>').toBeLessThan(html.indexOf('</head>'));
      if (firstModule >= 0) expect(at, 'CSP meta before the first module script').toBeLessThan(firstModule);
      expect(html, 'inline event handlers in the served HTML').not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=/i);

      await page.goto(rel(path));
      await page.waitForLoadState('networkidle');
      expect(await inlineHandlers(page)).toEqual([]);
    });
  }
  expectSameOrigin(requests, baseURL!);
  expect(requests.length).toBeGreaterThan(PAGES_OF_EACH_KIND.length * 3);
});

test('the lookup box and Pagefind search run under the CSP and stay on the origin', async ({ page, baseURL }) => {
  const requests = recordRequests(page);
  await page.goto(rel('about/'));
  await headerBox(page).fill('0xa0');
  await expect(headerResult(page).locator('a code')).toHaveText(PIN_INCORRECT.name);
  const results = await searchSite(page, 'pin incorrect');
  expect(results[0]).toMatch(/\/codes\/ckr_pin_incorrect\/$/);
  const urls = requests.map((r) => r.url());
  // Pagefind really ran: its script, its WebAssembly and index fragments were fetched, from here.
  expect(urls.some((u) => /\/pagefind\/pagefind\.js$/.test(u))).toBe(true);
  expect(urls.some((u) => /\/pagefind\/wasm\.[a-z-]+\.pagefind$/.test(u))).toBe(true);
  expect(urls.some((u) => /\/pagefind\/(fragment|index)\//.test(u))).toBe(true);
  expect(urls.some((u) => /\/codes\.json$/.test(u))).toBe(true);
  expectSameOrigin(requests, baseURL!);
  expect(await inlineHandlers(page)).toEqual([]);
});

test('the policy is enforced: injected inline script and handlers are blocked and reported', async ({ page, guard }) => {
  await page.goto(rel(PIN_INCORRECT.path));
  const blocked = await page.evaluate(async () => {
    const seen: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) => seen.push(e.effectiveDirective));
    const host = document.createElement('div');
    host.innerHTML = '<img src="data:," onerror="window.__pwned=1">';
    document.body.append(host);
    const script = document.createElement('script');
    script.textContent = 'window.__pwned = 2';
    document.body.append(script);
    await new Promise((r) => setTimeout(r, 300));
    return { pwned: (window as unknown as { __pwned?: number }).__pwned, seen };
  });
  expect(blocked.pwned).toBeUndefined();
  expect(blocked.seen).toEqual(expect.arrayContaining(['script-src-attr', 'script-src-elem']));
  // The guard saw them too; they were provoked on purpose.
  expect(guard.cspViolations.length).toBeGreaterThanOrEqual(2);
  guard.reset();
});
