/**
 * Pagefind ranking in Starlight's search dialog: what a person types for a code finds that code's
 * page first; words of the text find the codes that mention them.
 */
import { test, expect, searchSite, rel } from './helpers.ts';

const FIRST = '/codes/ckr_pin_incorrect/';

test('every spelling of CKR_PIN_INCORRECT ranks its page first', async ({ page }) => {
  await page.goto(rel('about/'));
  for (const query of ['CKR_PIN_INCORRECT', 'PIN_INCORRECT', 'pin incorrect', '0xA0', '0x000000A0', '160']) {
    await test.step(query, async () => {
      const results = await searchSite(page, query);
      expect(results[0], `first result for ${query}: ${results.slice(0, 3).join(', ')}`).toBe(FIRST);
    });
  }
});

test('words of the text find the codes that mention them', async ({ page }) => {
  await page.goto(rel('about/'));
  const extractable = await searchSite(page, 'extractable');
  expect(extractable).toContain('/codes/ckr_key_unextractable/');
  const locked = await searchSite(page, 'locked');
  expect(locked).toContain('/codes/ckr_pin_locked/');
});

test('a search result opens the code page', async ({ page }) => {
  await page.goto(rel('about/'));
  await searchSite(page, 'pin incorrect');
  await page.locator('site-search dialog .pagefind-ui__result-title a.pagefind-ui__result-link').first().click();
  await expect(page).toHaveURL(/\/codes\/ckr_pin_incorrect\/$/);
  await expect(page.locator('h1')).toHaveText('CKR_PIN_INCORRECT');
});
