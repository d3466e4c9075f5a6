// Named to run last: by then the other journeys have filled the pages with hosts, alerts, channels and tokens.
// Every page, light and dark, through axe-core: no serious or critical violations.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

const pages = ['/', '/alerts', '/alerts?view=resolved', '/settings', '/settings/channels', '/settings/tokens', '/settings/users', '/settings/data', '/hosts/00000000-0000-4000-8000-000000000000'];

for (const scheme of ['light', 'dark'] as const) {
  test(`no serious accessibility violations (${scheme})`, async ({ page }, info) => {
    // Ten pages through axe take 40-45 s: the default 60 s left no room on a busy machine.
    test.setTimeout(150_000);
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/');
    const host = await page.getByTestId('host-row').first().getByRole('link').first().getAttribute('href');
    for (const path of [...pages, ...(host ? [host] : [])]) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      const result = await new AxeBuilder({ page }).analyze();
      const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${path}: ${v.id} (${v.impact}) ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
      expect(bad, bad.join('\n')).toEqual([]);
    }
    if (info.project.name === 'embedded') await page.screenshot({ path: `e2e/.screens/dark-check-${scheme}.png`, fullPage: true });
  });
}

test('the theme can be switched and stays switched', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  await expect(page.locator('html')).not.toHaveClass(/dark/);
  await page.getByRole('button', { name: 'Theme: auto' }).click(); // → light
  await page.getByRole('button', { name: 'Theme: light' }).click(); // → dark
  await expect(page.locator('html')).toHaveClass(/dark/);
  await page.reload();
  await expect(page.locator('html')).toHaveClass(/dark/);
});
