/**
 * Looks: screenshots for review (test-results/screenshots/, artifacts, not compared) of a code page,
 * a category index and a context page at 1280 and 360 px, light and dark; at 360 px no page scrolls
 * sideways, and code blocks wrap or scroll inside themselves.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, horizontalOverflow, rel } from './helpers.ts';

const SHOTS = join('test-results', 'screenshots');
const SHOT_PAGES: [string, string][] = [
  ['code', 'codes/ckr_pin_incorrect/'],
  ['category', 'categories/pin/'],
  ['context', 'contexts/sign/'],
];
const WIDTHS = [1280, 360] as const;

test.beforeAll(() => mkdirSync(SHOTS, { recursive: true }));

for (const theme of ['light', 'dark'] as const) {
  for (const [name, path] of SHOT_PAGES) {
    test(`${name} page, ${theme}: screenshots at 1280 and 360 px, no sideways scroll at 360`, async ({ page, browserName }) => {
      await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
      await page.setViewportSize({ width: WIDTHS[0], height: 900 });
      await page.goto(rel(path));
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: width === 360 ? 780 : 900 });
        const file = join(SHOTS, `${name}-${width}-${theme}-${test.info().project.name}-${browserName}.png`);
        await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
        await test.info().attach(`${name}-${width}-${theme}`, { path: file, contentType: 'image/png' });
        if (width === 360) {
          const { scrollWidth, clientWidth } = await horizontalOverflow(page);
          expect(scrollWidth, `${path} scrolls sideways at 360 px`).toBeLessThanOrEqual(clientWidth);
        }
      }
    });
  }
}

test.describe('at 360 px', () => {
  test.use({ viewport: { width: 360, height: 780 } });

  for (const path of ['', 'cli/sign/', 'lookup/?q=pin']) {
    test(`/${path} does not scroll sideways`, async ({ page }) => {
      await page.goto(rel(path));
      const { scrollWidth, clientWidth } = await horizontalOverflow(page);
      expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    });
  }

  test('code blocks wrap or scroll inside themselves', async ({ page }) => {
    for (const path of ['codes/ckr_pin_incorrect/', 'cli/sign/', 'contexts/sign/']) {
      await page.goto(rel(path));
      const blocks = await page.locator('main pre').evaluateAll((pres) =>
        pres.map((pre) => {
          const style = getComputedStyle(pre);
          const box = pre.getBoundingClientRect();
          return {
            text: pre.textContent?.slice(0, 40),
            overflows: pre.scrollWidth > pre.clientWidth + 1,
            scrollsInside: ['auto', 'scroll'].includes(style.overflowX),
            wraps: /pre-wrap|break-spaces|normal/.test(style.whiteSpace),
            right: box.right,
          };
        }),
      );
      expect(blocks.length, `code blocks on /${path}`).toBeGreaterThan(0);
      const viewport = page.viewportSize()!.width;
      for (const block of blocks) {
        expect(block.right, `${path}: "${block.text}" ends inside the viewport`).toBeLessThanOrEqual(viewport);
        if (block.overflows) expect(block.scrollsInside, `${path}: "${block.text}" scrolls inside itself`).toBe(true);
        else expect(block.wraps || block.scrollsInside).toBe(true);
      }
      const { scrollWidth, clientWidth } = await horizontalOverflow(page);
      expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    }
  });
});
