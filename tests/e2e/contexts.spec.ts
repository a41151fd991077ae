/**
 * Troubleshooting by operation: a code page's per-context section has a stable anchor
 * (ANCHORS.context in src/urls.ts), the context page links to it and the code page links back.
 */
import { test, expect, rel } from './helpers.ts';

test('/contexts/sign/ links to #context-sign of a code page, which links back', async ({ page }) => {
  await page.goto(rel('contexts/sign/'));
  await expect(page.locator('h1')).toHaveText(/sign/i);
  const toCode = page.locator('main a[href$="/codes/ckr_key_handle_invalid/#context-sign"]');
  await expect(toCode).toHaveCount(1);
  await toCode.click();

  await expect(page).toHaveURL(/\/codes\/ckr_key_handle_invalid\/#context-sign$/);
  const section = page.locator('h2#context-sign');
  await expect(section).toHaveText(/sign/i);
  await expect(section).toBeInViewport();
  expect(await page.evaluate(() => document.querySelector(':target')?.id)).toBe('context-sign');
  // Steps follow the heading.
  await expect(page.locator('h2#context-sign + p + ul > li').first()).toBeVisible();

  const back = page.locator('main a[href$="/contexts/sign/"]').first();
  await expect(back).toBeVisible();
  await back.click();
  await expect(page).toHaveURL(/\/contexts\/sign\/$/);
});

test('a direct link to #context-sign lands on the section', async ({ page }) => {
  await page.goto(rel('codes/ckr_key_handle_invalid/#context-sign'));
  await expect(page.locator('h2#context-sign')).toBeInViewport();
  await expect(page.locator('h1')).toHaveText('CKR_KEY_HANDLE_INVALID');
});
