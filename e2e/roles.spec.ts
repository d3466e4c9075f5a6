// Roles are enforced on the server: a viewer sees everything and changes nothing.
import { execFileSync } from 'node:child_process';
import { expect, test, type Browser } from '@playwright/test';
import { ownHost, serverEnv } from './helpers';

/** A new user of `role` made with the real CLI, and a browser of no one signed in. */
async function newUser(browser: Browser, baseURL: string, role: 'viewer' | 'editor', name: string, password: string) {
  execFileSync(process.execPath, ['bin/headroom.mjs', 'user', 'add', name, '--role', role], { env: serverEnv(baseURL), input: `${password}\n` });
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  return { context, page: await context.newPage() };
}

test('a viewer can look but not acknowledge, silence or change settings, and is told so; signing out ends the session', async ({ browser, request, baseURL }, info) => {
  const host = await ownHost(request, baseURL!, `e2e-viewed-${info.project.name}`);
  const name = `viewer-${info.project.name}`;
  const password = 'a viewer password 1';
  const { context, page } = await newUser(browser, baseURL!, 'viewer', name, password);
  await page.goto('/alerts');
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Password').fill('wrong password!!');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('form').getByRole('alert')).toHaveText('wrong name or password');
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in')).toContainText(`${name} (viewer)`);

  // What a viewer may not use is shown disabled, saying why, rather than failing after a click.
  await page.goto('/settings');
  const rule = page.getByRole('form', { name: 'New rule' });
  await expect(rule.getByLabel('Name')).toBeDisabled();
  await expect(rule.getByRole('button', { name: 'Add rule' })).toBeDisabled();
  await expect(rule.getByRole('group')).toHaveAttribute('title', 'viewers cannot change rules; ask an editor or an admin');
  await expect(page.getByTestId('locked-note').first()).toHaveText('Viewers cannot change rules; ask an editor or an admin.');
  await expect(page.getByRole('button', { name: /^Delete rule / }).first()).toBeDisabled();
  await expect(page.getByRole('form', { name: 'Fleet status levels' }).getByRole('button', { name: 'Save' })).toBeDisabled();
  // The server still refuses, whatever the page shows.
  await rule.evaluate((form) => form.querySelector('fieldset')!.removeAttribute('disabled'));
  await rule.getByLabel('Name').fill('viewer rule');
  await rule.getByRole('button', { name: 'Add rule' }).click();
  await expect(rule.getByRole('alert')).toHaveText('this needs the editor role; you are viewer');

  await page.goto('/settings/channels');
  await expect(page.getByTestId('locked-note')).toHaveText('Viewers cannot change channels; ask an admin.');
  await page.goto('/settings/tokens');
  await expect(page.getByText('API tokens are for admins.')).toBeVisible();

  await page.goto('/alerts');
  await expect(page.getByRole('button', { name: 'Add silence' })).toBeDisabled();
  await expect(page.getByText('Viewers cannot silence alerts; ask an editor or an admin.')).toBeVisible();

  // Only admins make tokens: the fleet's Add-a-host button says so.
  await page.goto('/?sort=lastSeen');
  await page.getByText('Add a host', { exact: true }).first().click();
  await expect(page.getByRole('button', { name: 'Create an ingest token' })).toBeDisabled();
  await expect(page.getByText('Viewers cannot create tokens; ask an admin.')).toBeVisible();

  // A host page: labels and removal shown disabled.
  await page.goto(`/?q=${host.name}`);
  await page.getByTestId('host-row').getByRole('link', { name: host.name }).click();
  await expect(page.getByRole('heading', { level: 1, name: host.name })).toBeVisible();
  await expect(page.getByText('Latest report')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save labels' })).toBeDisabled();
  await expect(page.getByText('viewers cannot change labels; ask an admin')).toBeVisible();
  await page.getByText('Remove this host').click();
  await expect(page.getByRole('button', { name: 'Remove host' })).toBeDisabled();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
  await context.close();
});

test('an editor changes rules but sees admin-only controls disabled, saying why', async ({ browser, baseURL }, info) => {
  const name = `editor-${info.project.name}`;
  const password = 'an editor password 1';
  const { context, page } = await newUser(browser, baseURL!, 'editor', name, password);
  await page.goto('/login');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in')).toContainText(`${name} (editor)`);
  await page.goto('/settings');
  await expect(page.getByRole('form', { name: 'New rule' }).getByRole('button', { name: 'Add rule' })).toBeEnabled();
  await expect(page.getByRole('form', { name: 'Fleet status levels' }).getByRole('button', { name: 'Save' })).toBeDisabled();
  await expect(page.getByTestId('locked-note')).toHaveText('Editors cannot change the status levels; ask an admin.');
  await page.goto('/settings/channels');
  await page.getByText('JSON webhook').click();
  await expect(page.getByRole('form', { name: 'New webhook channel' }).getByRole('button', { name: 'Add' })).toBeDisabled();
  await context.close();
});

test('sign-in redirects only within the site', async ({ browser }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto('/login?next=//evil.example/x');
  await expect(page.locator('input[name="next"]')).toHaveValue('/');
  await context.close();
});
