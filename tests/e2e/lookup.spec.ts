/**
 * "Find any code from whatever the user has": the header box, /lookup/?q=, short links and the 404 page.
 */
import { test, expect, headerBox, headerResult, PIN_INCORRECT, PAGEFIND_TIMEOUT, rel } from './helpers.ts';

const MEANING = /PIN it was given against the stored one/;

test.describe('header lookup box', () => {
  test('typing shows the match (name, hex, decimal, meaning) or the candidates', async ({ page }) => {
    await page.goto(rel('about/'));
    const result = headerResult(page);
    await expect(result).toBeHidden();
    for (const input of ['0xa0', '160', 'pin incorrect']) {
      await test.step(input, async () => {
        await headerBox(page).fill('');
        await expect(result).toBeHidden();
        await headerBox(page).pressSequentially(input);
        await expect(result).toBeVisible();
        const match = result.locator('.ckr-result-code');
        await expect(match).toHaveCount(1);
        await expect(match.locator('a code')).toHaveText(PIN_INCORRECT.name);
        await expect(match.locator('a')).toContainText(`${PIN_INCORRECT.hexShort} · ${PIN_INCORRECT.decimal}`);
        await expect(match.locator('.ckr-result-meaning')).toHaveText(MEANING);
        await expect(match.locator('a')).toHaveAttribute('href', new RegExp(`/${PIN_INCORRECT.path}$`));
      });
    }
    await test.step('pin: candidates', async () => {
      await headerBox(page).fill('pin');
      const items = result.locator('ul.ckr-result-list > li');
      await expect(items.first()).toBeVisible();
      const names = await items.locator('a code').allTextContents();
      expect(names.length).toBeGreaterThanOrEqual(5);
      expect(names).toEqual(expect.arrayContaining(['CKR_PIN_INCORRECT', 'CKR_PIN_LOCKED', 'CKR_PIN_EXPIRED', 'CKR_PIN_LEN_RANGE']));
      for (const name of names) expect(name).toMatch(/PIN/);
      await expect(result.locator('p').first()).toHaveText(/\d+ codes match/);
    });
  });

  test('the page loads only the box script; the engine and codes.json come together on first use', async ({ page }) => {
    const urls: string[] = [];
    page.on('request', (r) => urls.push(new URL(r.url()).pathname));
    await page.goto(rel('about/'));
    await page.waitForLoadState('networkidle');
    const engine = (u: string) => /\/_astro\/lookup\.[\w-]+\.js$/.test(u);
    expect(urls.filter((u) => engine(u) || u.endsWith('/codes.json'))).toEqual([]);
    await headerBox(page).focus();
    await expect.poll(() => urls.some(engine) && urls.some((u) => u.endsWith('/codes.json'))).toBe(true);
    await headerBox(page).pressSequentially('0xa0');
    await expect(headerResult(page).locator('.ckr-result-code a code')).toHaveText(PIN_INCORRECT.name);
  });

  test('Enter opens the code page', async ({ page }) => {
    await page.goto(rel('about/'));
    await headerBox(page).fill('pin incorrect');
    await headerBox(page).press('Enter');
    await expect(page).toHaveURL(new RegExp(`/${PIN_INCORRECT.path}$`));
    await expect(page.locator('h1')).toHaveText(PIN_INCORRECT.name);
  });

  test('Enter on text that matches no code opens the full-text search with the text', async ({ page }) => {
    const text = 'xyzzy frobnicate';
    await page.goto(rel('about/'));
    await headerBox(page).fill(text);
    await expect(headerResult(page)).toContainText('No PKCS#11 return code found');
    await headerBox(page).press('Enter');
    const dialog = page.locator('site-search dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog.locator('input.pagefind-ui__search-input')).toHaveValue(text);
    await expect(dialog.locator('.pagefind-ui__message')).toHaveText(/results? for xyzzy frobnicate/, { timeout: PAGEFIND_TIMEOUT });
    await expect(page).toHaveURL(/\/about\/$/);
  });

  test('is labelled and usable by keyboard alone', async ({ page }) => {
    await page.goto(rel('about/'));
    // Labelled: an accessible search box named by its (visually hidden) label, inside a search landmark.
    const box = page.getByRole('searchbox', { name: 'Look up a code: name, hex, decimal or error line' });
    await expect(box).toHaveCount(1);
    await expect(box).toHaveAttribute('id', 'header-lookup');
    await expect(page.getByRole('search').filter({ has: box })).toHaveCount(1);
    await expect(box).toHaveAttribute('aria-describedby', 'header-lookup-result');
    await expect(headerResult(page)).toHaveAttribute('aria-live', 'polite');
    // Reachable with Tab from the top of the page, in a few steps.
    let steps = 0;
    while (!(await box.evaluate((el) => el === document.activeElement)) && steps < 6) {
      await page.keyboard.press('Tab');
      steps++;
    }
    await expect(box).toBeFocused();
    await page.keyboard.type('0xa0');
    await expect(headerResult(page).locator('a code')).toHaveText(PIN_INCORRECT.name);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/${PIN_INCORRECT.path}$`));
  });
});

test.describe('/lookup/?q=', () => {
  const redirects: [string, string][] = [
    ['0x000000A0', PIN_INCORRECT.path],
    ['CKR_PIN_INCORRECT', PIN_INCORRECT.path],
    ['java.security.ProviderException: Initialization failed\n\tat sun.security.pkcs11.SunPKCS11.initToken(SunPKCS11.java:1214)\nCaused by: sun.security.pkcs11.wrapper.PKCS11Exception: CKR_PIN_INCORRECT', PIN_INCORRECT.path],
    ['0x80000001', 'codes/ckr_vendor_defined/'],
  ];
  test('?q=<hex, name, SunPKCS11 line, vendor value> redirects to the code page', async ({ page }) => {
    for (const [query, target] of redirects) {
      await test.step(query.slice(0, 40), async () => {
        await page.goto(`${rel('lookup/')}?q=${encodeURIComponent(query)}`);
        await expect(page).toHaveURL(new RegExp(`/${target}$`));
        await expect(page.locator('h1')).toHaveText(target.split('/')[1].toUpperCase());
      });
    }
  });

  test('?q=pin shows the candidates and the query in the box', async ({ page }) => {
    await page.goto(`${rel('lookup/')}?q=pin`);
    const outcome = page.locator('#lookup-outcome');
    await expect(outcome.locator('ul.ckr-result-list > li').first()).toBeVisible();
    await expect(outcome.locator('a code')).toContainText(['CKR_PIN_INCORRECT']);
    expect(await outcome.locator('ul.ckr-result-list > li').count()).toBeGreaterThanOrEqual(5);
    await expect(page.locator('#page-lookup')).toHaveValue('pin');
    await expect(page).toHaveURL(/\/lookup\/\?q=pin$/);
  });
});

test.describe('short links and the 404 page', () => {
  test('short links /0xa0/, /160/, /ckr_pin_incorrect/ land on the code page', async ({ page }) => {
    for (const short of ['0xa0/', '160/', 'ckr_pin_incorrect/']) {
      await test.step(short, async () => {
        const response = await page.goto(rel(short));
        expect(response?.status()).toBe(200);
        await expect(page).toHaveURL(new RegExp(`/${PIN_INCORRECT.path}$`));
        await expect(page.locator('h1')).toHaveText(PIN_INCORRECT.name);
      });
    }
  });

  test('the 404 page resolves /0x000000A0, /CKR_PIN_INCORRECT, /A0h to the code page', async ({ page }) => {
    for (const missing of ['0x000000A0', 'CKR_PIN_INCORRECT', 'A0h']) {
      await test.step(missing, async () => {
        const response = await page.goto(rel(missing));
        expect(response?.status()).toBe(404);
        await expect(page).toHaveURL(new RegExp(`/${PIN_INCORRECT.path}$`));
        await expect(page.locator('h1')).toHaveText(PIN_INCORRECT.name);
      });
    }
  });

  test('the 404 page explains an address that holds no code', async ({ page }) => {
    const response = await page.goto(rel('no-such-thing'));
    expect(response?.status()).toBe(404);
    await expect(page.locator('h1')).toHaveText('Page not found');
    await expect(page.locator('#not-found-outcome')).toContainText('No PKCS#11 return code found');
    await expect(page.locator('#not-found-lookup')).toHaveValue('no-such-thing');
    // The outcome holds block content (paragraphs, lists): never inside a <p>.
    await expect(page.locator('p p, p div, p ul')).toHaveCount(0);
    await page.waitForTimeout(200);
    await expect(page).toHaveURL(/\/no-such-thing$/);
  });
});
