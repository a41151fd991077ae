/**
 * The site built with CKR_BASE=/ckr-ref/ (dist-base/, project `subpath`): every feature works and
 * never leaves /ckr-ref/ — links, the lookup box, /lookup/?q=, short links, the 404 resolution and
 * Pagefind.
 */
import type { Page } from '@playwright/test';
import { test, expect, headerBox, headerResult, searchSite, rel, PIN_INCORRECT } from './helpers.ts';

const BASE = '/ckr-ref/';
const CODE_URL = new RegExp(`^http://[^/]+${BASE}${PIN_INCORRECT.path}$`);

/** Every request the page makes, to check that none leaves /ckr-ref/ on this origin. */
function requestsOf(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (r) => urls.push(r.url()));
  return urls;
}
const outsideBase = (urls: string[], baseURL: string) =>
  urls.filter((u) => !u.startsWith(new URL(BASE, baseURL).href) && !u.startsWith('data:'));

/** Root-relative links on the page that miss the base. */
const linksOutsideBase = (page: Page) =>
  page.evaluate((base) => {
    const attrs = [...document.querySelectorAll<HTMLElement>('a[href], link[href], script[src], form[action]')].map(
      (el) => el.getAttribute('href') ?? el.getAttribute('src') ?? el.getAttribute('action') ?? '',
    );
    return attrs.filter((v) => v.startsWith('/') && !v.startsWith(base));
  }, BASE);

test.beforeEach(async ({ baseURL }) => {
  expect(new URL(baseURL!).pathname).toBe(BASE);
});

test('the home page and a code page: every link and asset under /ckr-ref/', async ({ page, baseURL }) => {
  const urls = requestsOf(page);
  await page.goto(rel(''));
  await expect(page.locator('h1')).toHaveText('PKCS#11 return codes');
  expect(await linksOutsideBase(page)).toEqual([]);
  await page.locator('main table a', { hasText: PIN_INCORRECT.name }).click();
  await expect(page).toHaveURL(CODE_URL);
  await expect(page.locator('h1')).toHaveText(PIN_INCORRECT.name);
  expect(await linksOutsideBase(page)).toEqual([]);
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', new RegExp(`^https://[^/]+${BASE}${PIN_INCORRECT.path}$`));
  await expect(page.locator('link[rel="search"]')).toHaveAttribute('href', `${BASE}opensearch.xml`);
  // The sidebar leads to pages of this build.
  await page.locator('#starlight__sidebar').getByRole('link', { name: 'Look up a code' }).click();
  await expect(page).toHaveURL(new RegExp(`${BASE}lookup/$`));
  expect(outsideBase(urls, baseURL!)).toEqual([]);
});

test('the lookup box: results link and Enter go to /ckr-ref/codes/...', async ({ page, baseURL }) => {
  const urls = requestsOf(page);
  await page.goto(rel('about/'));
  await expect(page.locator('form:has(#header-lookup)')).toHaveAttribute('action', `${BASE}lookup/`);
  await headerBox(page).fill('0xa0');
  await expect(headerResult(page).locator('a')).toHaveAttribute('href', `${BASE}${PIN_INCORRECT.path}`);
  await headerBox(page).press('Enter');
  await expect(page).toHaveURL(CODE_URL);
  expect(urls.some((u) => u.endsWith(`${BASE}codes.json`))).toBe(true);
  expect(outsideBase(urls, baseURL!)).toEqual([]);
});

test('/ckr-ref/lookup/?q=0xa0, the short link /ckr-ref/0xa0/ and the 404 page /ckr-ref/0x000000A0 land on the code page', async ({ page, baseURL }) => {
  const urls = requestsOf(page);
  await page.goto(`${rel('lookup/')}?q=0xa0`);
  await expect(page).toHaveURL(CODE_URL);

  await page.goto(rel('0xa0/'));
  await expect(page).toHaveURL(CODE_URL);

  const response = await page.goto(rel('0x000000A0'));
  expect(response?.status()).toBe(404);
  await expect(page).toHaveURL(CODE_URL);
  await expect(page.locator('h1')).toHaveText(PIN_INCORRECT.name);

  // The 404 page still explains a miss, and its box stays under the base.
  await page.goto(rel('no-such-thing'));
  await expect(page.locator('#not-found-outcome')).toContainText('No PKCS#11 return code found');
  expect(await linksOutsideBase(page)).toEqual([]);
  expect(outsideBase(urls, baseURL!)).toEqual([]);
});

test('Pagefind search finds the code page under /ckr-ref/', async ({ page, baseURL }) => {
  const urls = requestsOf(page);
  await page.goto(rel('about/'));
  for (const query of ['CKR_PIN_INCORRECT', '0xA0']) {
    const results = await searchSite(page, query);
    expect(results[0]).toBe(`${BASE}${PIN_INCORRECT.path}`);
    for (const href of results) expect(href.startsWith(BASE), href).toBe(true);
  }
  await page.locator('site-search dialog .pagefind-ui__result-title a.pagefind-ui__result-link').first().click();
  await expect(page).toHaveURL(CODE_URL);
  expect(urls.some((u) => u.includes(`${BASE}pagefind/`))).toBe(true);
  expect(outsideBase(urls, baseURL!)).toEqual([]);
});
