/**
 * Shared fixtures and helpers of the end-to-end tests.
 *
 * Every test gets the automatic `guard` fixture: it records CSP violations (the
 * `securitypolicyviolation` event and Chromium's "Refused to ..." console errors), uncaught page
 * errors and dialogs (alert/confirm/prompt) in every document the page opens, and fails the test
 * when any of them happened. Tests that expect something of the kind can inspect `guard` themselves.
 */
import { test as base, expect, type Page } from '@playwright/test';

export { expect };

export const PIN_INCORRECT = {
  name: 'CKR_PIN_INCORRECT',
  hexShort: '0xA0',
  decimal: 160,
  path: 'codes/ckr_pin_incorrect/',
} as const;

/** One page of each kind: the pages the quality gates (axe, CSP) run on. */
export const PAGES_OF_EACH_KIND: readonly (readonly [label: string, path: string])[] = [
  ['home', ''],
  ['code page', 'codes/ckr_pin_incorrect/'],
  ['category index', 'categories/pin/'],
  ['context page', 'contexts/sign/'],
  ['CLI page', 'cli/sign/'],
  ['lookup page', 'lookup/?q=pin'],
  ['404 page', 'no-such-thing'],
];

/** Payloads that would run script if the text ever reached the DOM as HTML or a URL. */
export const XSS_PAYLOADS = [
  '<img src=x onerror=window.__pwned=1>',
  '"><script>window.__pwned=1</script>',
  'javascript:window.__pwned=1',
  "javascript:alert('pwned')//<svg onload=window.__pwned=1>",
  "'><svg/onload=window.__pwned=1>",
] as const;

export interface Guard {
  cspViolations: string[];
  pageErrors: string[];
  dialogs: string[];
  /** Forget what happened so far (for tests that provoke something on purpose). */
  reset(): void;
}

/** A path relative to the project's baseURL (never starts with `/`, so sub-path builds work). */
export const rel = (path: string): string => path.replace(/^\/+/, '');

export const test = base.extend<{ guard: Guard }>({
  guard: [
    async ({ page }, use) => {
      const guard: Guard = {
        cspViolations: [],
        pageErrors: [],
        dialogs: [],
        reset() {
          this.cspViolations.length = 0;
          this.pageErrors.length = 0;
          this.dialogs.length = 0;
        },
      };
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
          console.error(`[csp-violation] ${event.effectiveDirective} blocked ${event.blockedURI || '(inline)'} ${event.sample ?? ''}`);
        });
      });
      page.on('console', (message) => {
        const text = message.text();
        if (text.startsWith('[csp-violation]') || /Content Security Policy/i.test(text)) guard.cspViolations.push(`${page.url()}: ${text}`);
      });
      page.on('pageerror', (error) => guard.pageErrors.push(`${page.url()}: ${error.message}`));
      page.on('dialog', (dialog) => {
        guard.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
        void dialog.dismiss().catch(() => {});
      });
      await use(guard);
      expect(guard.cspViolations, 'CSP violations').toEqual([]);
      expect(guard.pageErrors, 'uncaught page errors').toEqual([]);
      expect(guard.dialogs, 'dialogs opened').toEqual([]);
    },
    { auto: true },
  ],
});

/** The lookup box in the header of every page. */
export const headerBox = (page: Page) => page.locator('#header-lookup');
export const headerResult = (page: Page) => page.locator('#header-lookup-result');

/** Nothing injected ran: no global set, no injected element, no dialog. */
export async function expectNothingExecuted(page: Page, guard: Guard): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  const injected = await page.evaluate(() => ({
    elements: document.querySelectorAll('img[src="x"], svg[onload], [onerror], [onload]').length,
    scripts: [...document.scripts].filter((s) => s.textContent?.includes('__pwned')).length,
    links: [...document.querySelectorAll('a[href]')].filter((a) => /^\s*javascript:/i.test(a.getAttribute('href') ?? '')).length,
  }));
  expect(injected).toEqual({ elements: 0, scripts: 0, links: 0 });
  expect(guard.dialogs).toEqual([]);
}

/** The first search of a page loads Pagefind's WebAssembly and index: allow for a slow, busy machine. */
export const PAGEFIND_TIMEOUT = 15_000;

/** Open Starlight's search dialog, type `query` and return the top-level result links (page hrefs), in order. */
export async function searchSite(page: Page, query: string): Promise<string[]> {
  const dialog = page.locator('site-search dialog');
  if (!(await dialog.evaluate((d: HTMLDialogElement) => d.open).catch(() => false))) {
    await page.locator('site-search button[data-open-modal]').click();
  }
  await expect(dialog).toBeVisible();
  const input = dialog.locator('input.pagefind-ui__search-input');
  await input.fill(query);
  // Pagefind writes "N results for <query>" once the results for this very query are in.
  const message = dialog.locator('.pagefind-ui__message');
  await expect(message).toHaveText(new RegExp(`\\bresults? for ${query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`), { timeout: PAGEFIND_TIMEOUT });
  const links = dialog.locator('.pagefind-ui__result > .pagefind-ui__result-inner > .pagefind-ui__result-title a.pagefind-ui__result-link');
  await expect(links.first()).toBeVisible();
  return links.evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
}

/** Ask the browser whether the page scrolls sideways. */
export const horizontalOverflow = (page: Page) =>
  page.evaluate(() => {
    const s = document.scrollingElement!;
    return { scrollWidth: s.scrollWidth, clientWidth: s.clientWidth };
  });
