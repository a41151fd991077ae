/**
 * Sharing a code (copy buttons, OpenGraph/Twitter cards, canonical link), codes.json and OpenSearch.
 */
import { test, expect, PIN_INCORRECT, rel } from './helpers.ts';

const MEANING = 'The token checked the PIN it was given against the stored one, and they do not match.';

test.describe('a code page', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

  test('"Copy link" and "Copy as Markdown" put the canonical link on the clipboard', async ({ page }) => {
    await page.goto(rel(PIN_INCORRECT.path));
    const canonical = await page.locator('link[rel="canonical"]').getAttribute('href');
    expect(canonical).toMatch(/^https:\/\/[^/]+\/(.+\/)?codes\/ckr_pin_incorrect\/$/);
    const readClipboard = () => page.evaluate(() => navigator.clipboard.readText());
    const status = page.locator('.ckr-copy-status');

    await page.evaluate(() => navigator.clipboard.writeText('before'));
    await page.getByRole('button', { name: 'Copy link' }).click();
    await expect(status).toHaveText('Copy link: copied');
    expect(await readClipboard()).toBe(canonical);

    await page.getByRole('button', { name: 'Copy as Markdown' }).click();
    await expect(status).toHaveText('Copy as Markdown: copied');
    expect(await readClipboard()).toBe(`[${PIN_INCORRECT.name} (${PIN_INCORRECT.hexShort})](${canonical})`);
  });

  test('has OpenGraph and Twitter meta with name, hex and meaning, and a canonical link', async ({ page }) => {
    await page.goto(rel(PIN_INCORRECT.path));
    const meta = (selector: string) => page.locator(selector).getAttribute('content');
    const canonical = await page.locator('link[rel="canonical"]').getAttribute('href');
    expect(canonical).toMatch(/^https:\/\/.+\/codes\/ckr_pin_incorrect\/$/);
    expect(await meta('meta[property="og:url"]')).toBe(canonical);
    expect(await meta('meta[property="og:title"]')).toContain(PIN_INCORRECT.name);
    expect(await meta('meta[property="og:type"]')).toBe('article');
    for (const selector of ['meta[property="og:description"]', 'meta[name="twitter:description"]', 'meta[name="description"]']) {
      const content = await meta(selector);
      expect(content, selector).toContain(PIN_INCORRECT.name);
      expect(content, selector).toContain(PIN_INCORRECT.hexShort);
      expect(content, selector).toContain(MEANING);
    }
    expect(await meta('meta[name="twitter:card"]')).toBe('summary');
    expect(await meta('meta[name="twitter:title"]')).toBe(`${PIN_INCORRECT.name} (${PIN_INCORRECT.hexShort})`);
  });
});

test('codes.json is served and has the 105 codes', async ({ request }) => {
  const response = await request.get(rel('codes.json'));
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toMatch(/^application\/json/);
  const data = (await response.json()) as { codes: { name: string; value: number; hexShort: string; meaning: string; url: string }[] };
  expect(data.codes).toHaveLength(105);
  expect(new Set(data.codes.map((c) => c.name)).size).toBe(105);
  const pin = data.codes.find((c) => c.name === PIN_INCORRECT.name);
  expect(pin).toMatchObject({ value: 160, hexShort: '0xA0', meaning: MEANING });
  expect(pin?.url).toMatch(/\/codes\/ckr_pin_incorrect\/$/);
});

test('/opensearch.xml is linked from every kind of page and points to /lookup/?q={searchTerms}', async ({ request, baseURL }) => {
  const pages = ['', PIN_INCORRECT.path, 'categories/pin/', 'contexts/sign/', 'cli/sign/', 'cli/', 'lookup/', 'versions/', 'about/', 'no-such-page'];
  const base = new URL(baseURL!).pathname;
  for (const path of pages) {
    const html = await (await request.get(rel(path))).text();
    const link = html.match(/<link rel="search" type="application\/opensearchdescription\+xml" title="ckr\.ref" href="([^"]+)"/);
    expect(link?.[1], `OpenSearch link on /${path}`).toBe(`${base}opensearch.xml`);
  }
  const response = await request.get(rel('opensearch.xml'));
  expect(response.status()).toBe(200);
  const xml = await response.text();
  expect(xml).toContain('<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">');
  const template = xml.match(/<Url type="text\/html" method="get" template="([^"]+)"\/>/)?.[1];
  expect(template).toMatch(new RegExp(`^https://[^/]+${base.replace(/\//g, '\\/')}lookup/\\?q=\\{searchTerms\\}$`));
});
