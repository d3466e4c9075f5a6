// Roles are enforced on the server: a viewer sees everything and changes nothing.
import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { reloadUntilVisible, serverEnv } from './helpers';

test('a viewer can look but not acknowledge, silence or change settings; signing out ends the session', async ({ browser, baseURL }, info) => {
  const name = `viewer-${info.project.name}`;
  const password = 'a viewer password 1';
  execFileSync(process.execPath, ['bin/headroom.mjs', 'user', 'add', name, '--role', 'viewer'], { env: serverEnv(baseURL!), input: `${password}\n` });
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto('/alerts');
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Password').fill('wrong password!!');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('form').getByRole('alert')).toHaveText('wrong name or password');
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in')).toContainText(`${name} (viewer)`);

  await page.goto('/settings');
  await page.getByRole('form', { name: 'New rule' }).getByLabel('Name').fill('viewer rule');
  await page.getByRole('button', { name: 'Add rule' }).click();
  await expect(page.getByRole('form', { name: 'New rule' }).getByRole('alert')).toHaveText('this needs the editor role; you are viewer');

  await page.goto('/settings/tokens');
  await expect(page.getByText('API tokens are for admins.')).toBeVisible();

  // A host page offers no removal to a viewer (the test server's own agent reports a host).
  await page.goto('/?sort=lastSeen');
  const row = page.getByTestId('host-row').first();
  await reloadUntilVisible(page, row);
  await row.getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByText('Latest report')).toBeVisible();
  await expect(page.getByText('Remove this host')).toHaveCount(0);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
  await context.close();
});

test('sign-in redirects only within the site', async ({ browser }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto('/login?next=//evil.example/x');
  await expect(page.locator('input[name="next"]')).toHaveValue('/');
  await context.close();
});
