// An admin sets a new user's password, disables and re-enables them; the user
// signs in and changes their own password; a token made to expire says when.
import { expect, test } from '@playwright/test';

test('an admin manages a user\'s password and state, and the user changes their own', async ({ page, browser, baseURL }, info) => {
  const name = `e2e-pw-${info.project.name}`;
  await page.goto('/settings/users');
  const add = page.getByRole('form', { name: 'New user' });
  await add.getByLabel('Name').fill(name);
  await add.getByLabel('Password (12+)').fill('first password 1');
  await add.getByRole('button', { name: 'Add user' }).click();
  await expect(add.getByRole('status')).toHaveText('user added');

  const row = page.getByRole('row').filter({ hasText: name });
  const reset = row.getByRole('form', { name: `New password for ${name}` });
  await reset.getByLabel(`New password for ${name}`).fill('second password 2');
  await reset.getByRole('button', { name: 'Set' }).click();
  await expect(reset.getByRole('status')).toContainText('is signed out everywhere');
  await row.getByRole('button', { name: `Disable ${name}` }).click();
  await expect(row).toContainText('(disabled)');
  await row.getByRole('button', { name: `Enable ${name}` }).click();
  await expect(row).not.toContainText('(disabled)');

  const other = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const user = await other.newPage();
  await user.goto('/login');
  await user.getByLabel('Name').fill(name);
  await user.getByLabel('Password').fill('second password 2');
  await user.getByRole('button', { name: 'Sign in' }).click();
  await expect(user.getByTestId('signed-in')).toContainText(name);
  await user.goto('/settings/users');
  const mine = user.getByRole('form', { name: 'Change my password' });
  await mine.getByLabel('Current password').fill('second password 2');
  await mine.getByLabel('New password (12+)').fill('third password 3');
  await mine.getByLabel('New password again').fill('third password 3');
  await mine.getByRole('button', { name: 'Change my password' }).click();
  await expect(mine.getByRole('status')).toHaveText('password changed; 0 other sessions ended');
  await other.close();

  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/settings/users');
    await page.screenshot({ path: `e2e/.screens/${info.project.name}-users-1400-${scheme}.png`, fullPage: true });
  }
});

test('a token made to expire says when', async ({ page }, info) => {
  const name = `e2e-expiring-${info.project.name}`;
  await page.goto('/settings/tokens');
  const form = page.getByRole('form', { name: 'New token' });
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Expires after (optional)').fill('30d');
  await form.getByRole('button', { name: 'Create token' }).click();
  await expect(page.getByTestId('new-token')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('row').filter({ hasText: name })).toContainText('in 30 d');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/settings/tokens');
    await page.screenshot({ path: `e2e/.screens/${info.project.name}-tokens-1400-${scheme}.png`, fullPage: true });
  }
});
