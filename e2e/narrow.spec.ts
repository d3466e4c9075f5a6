// A phone, 390 px wide: no page scrolls sideways (wide tables scroll inside
// their card), and the collapsed navigation still reaches every page, the bell
// and Sign out.
import { expect, test, type Page } from '@playwright/test';

test.use({ viewport: { width: 390, height: 844 } });

const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** What sticks out past the right edge, outside any scroll container: for the failure message. */
const culprits = (page: Page) => page.evaluate(() => [...document.querySelectorAll('body *')]
  .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !e.closest('.overflow-x-auto'))
  .slice(0, 5).map((e) => `<${e.tagName.toLowerCase()} class="${String(e.getAttribute('class') ?? '').slice(0, 50)}">`).join(' '));

const pages = ['/', '/?group=label', '/alerts', '/alerts?view=resolved', '/settings', '/settings/channels', '/settings/tokens', '/settings/users', '/settings/data', 'a host'];

// Seen overflowing when this spec was written, in pages another change is
// reworking: expected to fail until they are fixed, and then to be taken off.
const settingsTabs = 'the settings tabs (app/(app)/settings/layout.tsx) do not wrap';
const knownOverflow: Record<string, string> = {
  '/settings': settingsTabs,
  '/settings/channels': `${settingsTabs}; the channel form's fields are wider than the card`,
  '/settings/tokens': `${settingsTabs}; the tokens table's scroll box is not positioned, so its sr-only text widens the page`,
  '/settings/users': settingsTabs,
  '/settings/data': `${settingsTabs}; the storage table (min-w-[28rem]) is not inside a scroll box`,
  'a host': "the labels form (components/HostLabels.tsx) does not wrap; a chart's label text runs past the chart",
};

for (const path of pages) {
  test(`${path} does not scroll sideways at 390 px`, async ({ page }) => {
    test.fail(path in knownOverflow, knownOverflow[path]);
    if (path === 'a host') {
      await page.goto('/');
      await page.getByTestId('host-name').first().click();
      await expect(page.getByRole('link', { name: '← Fleet' })).toBeVisible();
    } else {
      await page.goto(path);
    }
    await page.waitForLoadState('networkidle');
    expect(await sideways(page), await culprits(page)).toBeLessThanOrEqual(0);
  });
}

test('the navigation folds behind a menu button; the bell stays in view', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('link', { name: /firing alerts?$/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeHidden();
  const menu = page.getByRole('button', { name: 'Menu' });
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await menu.click();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page).toHaveURL(/\/settings$/);
  // A new page closes the menu.
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeHidden();
  await menu.click();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
});
