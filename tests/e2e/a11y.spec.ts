/**
 * Accessibility gate: axe-core on every kind of page, in Starlight's light and dark themes. No
 * serious or critical violation is allowed (minor/moderate ones are attached to the report).
 */
import AxeBuilder from '@axe-core/playwright';
import { test, expect, rel, headerBox, headerResult, searchSite, PAGES_OF_EACH_KIND } from './helpers.ts';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** Serious and critical violations, one readable line per rule (plus the first offending nodes). */
function blockingViolations(violations: Awaited<ReturnType<AxeBuilder['analyze']>>['violations']): string[] {
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.slice(0, 5).map((n) => `  ${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1, 2).join('')}`).join('\n')}`);
}

for (const theme of ['light', 'dark'] as const) {
  test.describe(`${theme} theme`, () => {
    test.beforeEach(async ({ page }) => {
      await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
    });

    for (const [label, path] of PAGES_OF_EACH_KIND) {
      test(`${label} has no serious or critical axe violations`, async ({ page }, testInfo) => {
        await page.goto(rel(path));
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
        if (path.startsWith('lookup/')) await expect(page.locator('#lookup-outcome li').first()).toBeVisible();
        if (path === 'no-such-thing') await expect(page.locator('#not-found-outcome')).toContainText('No PKCS#11');
        // Legacy mode runs axe in the page itself (the site has no iframes); the default mode opens an
        // extra page per run and is several times slower. Only violations are reported back.
        const results = await new AxeBuilder({ page })
          .withTags(TAGS)
          .options({ resultTypes: ['violations'] })
          .setLegacyMode(true)
          .analyze();
        const others = results.violations.filter((v) => v.impact !== 'serious' && v.impact !== 'critical');
        if (others.length) {
          await testInfo.attach('axe-minor.json', { body: JSON.stringify(others.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target) })), null, 2), contentType: 'application/json' });
        }
        const summary = blockingViolations(results.violations);
        expect(summary, summary.join('\n')).toEqual([]);
      });
    }

    test('open widgets (lookup results, search dialog with results) have no serious or critical axe violations', async ({ page }) => {
      await page.goto(rel('about/'));
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await headerBox(page).fill('pin');
      await expect(headerResult(page).locator('li').first()).toBeVisible();
      const box = await new AxeBuilder({ page }).withTags(TAGS).include('form:has(#header-lookup)').options({ resultTypes: ['violations'] }).setLegacyMode(true).analyze();
      const boxSummary = blockingViolations(box.violations);
      expect(boxSummary, boxSummary.join('\n')).toEqual([]);
      await searchSite(page, 'pin incorrect');
      const dialog = await new AxeBuilder({ page }).withTags(TAGS).include('site-search dialog').options({ resultTypes: ['violations'] }).setLegacyMode(true).analyze();
      const dialogSummary = blockingViolations(dialog.violations);
      expect(dialogSummary, dialogSummary.join('\n')).toEqual([]);
    });
  });
}
