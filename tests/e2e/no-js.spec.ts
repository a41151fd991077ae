/**
 * Without JavaScript the site still reads and navigates: a code page shows all of its content and
 * the sidebar, the lookup box is a plain form that submits to /lookup/, short links still redirect.
 */
import { test, expect, PIN_INCORRECT, rel } from './helpers.ts';

test.use({ javaScriptEnabled: false });

test('a code page shows its meaning, causes, solutions and the sidebar', async ({ page }) => {
  await page.goto(rel(PIN_INCORRECT.path));
  await expect(page.locator('h1')).toHaveText(PIN_INCORRECT.name);
  const main = page.locator('main');
  for (const [id, title] of [['meaning', 'Meaning'], ['causes', 'Causes'], ['solutions', 'Solutions'], ['returned-by', 'Returned by'], ['related', 'Related codes']]) {
    const heading = main.locator(`h2#${id}`);
    await expect(heading, id).toBeVisible();
    await expect(heading).toHaveText(title);
  }
  await expect(main.locator('h2#meaning + p')).toContainText('PIN it was given against the stored one');
  expect(await main.locator('h2#causes ~ ul > li, h2#causes ~ ol > li').count()).toBeGreaterThan(1);
  expect(await main.locator('h2#solutions ~ ol > li, h2#solutions ~ ul > li').count()).toBeGreaterThan(1);
  // The facts (hex, decimal) and the link to share are plain HTML.
  await expect(main.locator('.ckr-facts')).toContainText(PIN_INCORRECT.hexShort);
  await expect(main.locator('.ckr-facts')).toContainText(String(PIN_INCORRECT.decimal));
  await expect(main.locator('a.ckr-share-link')).toHaveText(/^https:\/\/.+\/codes\/ckr_pin_incorrect\/$/);
  await expect(page.getByRole('button', { name: 'Copy link' })).toBeHidden();

  // Navigation: the sidebar is there and its links work.
  const sidebar = page.locator('#starlight__sidebar');
  await expect(sidebar).toBeVisible();
  const current = sidebar.locator('a[aria-current="page"]');
  await expect(current).toHaveText(PIN_INCORRECT.name);
  await expect(sidebar.getByRole('link', { name: 'Look up a code' })).toBeVisible();
  await sidebar.getByRole('link', { name: 'Look up a code' }).click();
  await expect(page).toHaveURL(/\/lookup\/$/);
  await expect(page.locator('h1')).toHaveText('Look up a code');
});

test('every sidebar link leads to a page', async ({ page, request }) => {
  await page.goto(rel(PIN_INCORRECT.path));
  const hrefs = await page.locator('#starlight__sidebar a[href]').evaluateAll((as) => [...new Set(as.map((a) => (a as HTMLAnchorElement).href))]);
  expect(hrefs.length).toBeGreaterThan(20);
  const broken: string[] = [];
  for (const href of hrefs) {
    const response = await request.get(href, { maxRedirects: 0 });
    if (response.status() !== 200) broken.push(`${href} -> ${response.status()}`);
  }
  expect(broken).toEqual([]);
});

test('the lookup box is a form that submits to /lookup/?q=', async ({ page }) => {
  await page.goto(rel('about/'));
  const form = page.locator('form:has(#header-lookup)');
  await expect(form).toHaveAttribute('method', 'get');
  await expect(form).toHaveAttribute('action', /\/lookup\/$/);
  await page.locator('#header-lookup').fill('0xa0');
  await page.locator('#header-lookup').press('Enter');
  await expect(page).toHaveURL(/\/lookup\/\?q=0xa0$/);
  await expect(page.locator('h1')).toHaveText('Look up a code');
  // The page says why it cannot resolve, and lists every code to pick from.
  // (Playwright's text matching skips <noscript>, so select it by tag.)
  const notice = page.locator('main noscript > p');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('JavaScript is off, so the query cannot be resolved here.');
  await page.locator('details.ckr-all-codes > summary').click();
  await expect(page.locator('details.ckr-all-codes a[href$="/codes/ckr_pin_incorrect/"]')).toBeVisible();

  // The large box on the page submits the same way (its button too).
  await page.locator('#page-lookup').fill('pin incorrect');
  await page.locator('form:has(#page-lookup)').getByRole('button', { name: 'Look up' }).click();
  await expect(page).toHaveURL(/\/lookup\/\?q=pin\+incorrect$/);
});

test('short links redirect without JavaScript; the 404 page explains', async ({ page }) => {
  await page.goto(rel('0xa0/'));
  await expect(page).toHaveURL(new RegExp(`/${PIN_INCORRECT.path}$`));
  await expect(page.locator('h1')).toHaveText(PIN_INCORRECT.name);

  const response = await page.goto(rel('no-such-thing'));
  expect(response?.status()).toBe(404);
  await expect(page.locator('h1')).toHaveText('Page not found');
  await expect(page.locator('#not-found-outcome')).toHaveText('There is no page at this address.');
  await expect(page.locator('form:has(#not-found-lookup)')).toHaveAttribute('action', /\/lookup\/$/);
});
