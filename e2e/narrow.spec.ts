// A phone, 390 px wide: no page scrolls sideways (wide tables scroll inside
// their card), and the collapsed navigation still reaches every page, the bell
// and Sign out.
import { expect, test, type Page } from '@playwright/test';
import { ownHost } from './helpers';
import { pastTheEdge } from './sideways';

test.use({ viewport: { width: 390, height: 844 } });

const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

const pages = ['/', '/?group=label', '/alerts', '/alerts?view=resolved', '/settings', '/settings/channels', '/settings/tokens', '/settings/users', '/settings/data', 'a host'];

for (const path of pages) {
  test(`${path} does not scroll sideways at 390 px`, async ({ page, request, baseURL }, info) => {
    if (path === 'a host') {
      const host = await ownHost(request, baseURL!, `e2e-narrow-${info.project.name}`);
      await page.goto(`/?q=${host.name}`);
      await page.getByTestId('host-name').filter({ hasText: host.name }).click();
      await expect(page.getByRole('link', { name: '← Fleet' })).toBeVisible();
    } else {
      await page.goto(path);
    }
    await page.waitForLoadState('networkidle');
    expect(await sideways(page), (await pastTheEdge(page)).slice(0, 5).join('; ')).toBeLessThanOrEqual(0);
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
