// An admin removes a decommissioned host from its page: the name must be typed
// back, then the fleet no longer lists it.
import { expect, test } from '@playwright/test';
import { cliToken, reloadUntilVisible, report } from './helpers';

test('an admin removes a host once its name is typed back', async ({ page, request, baseURL }, info) => {
  const host = `e2e-retired-${info.project.name}`;
  const ingest = cliToken(baseURL!, 'ingest', `e2e-remove-${info.project.name}`);
  expect((await request.post('/api/v1/reports', { data: report(host, 10), headers: { authorization: `Bearer ${ingest}` } })).status()).toBe(202);

  await page.goto(`/?q=${host}`);
  const row = page.getByTestId('host-row').filter({ hasText: host });
  await reloadUntilVisible(page, row);
  await row.getByRole('link').first().click();
  await expect(page.getByRole('heading', { name: host })).toBeVisible();

  await page.getByText('Remove this host').click();
  const form = page.getByRole('form', { name: 'Remove host' });
  await form.getByLabel(/to confirm/).fill('not the name');
  await form.getByRole('button', { name: 'Remove host' }).click();
  await expect(form.getByRole('alert')).toHaveText('type the host name to confirm');
  await expect(page.getByRole('heading', { name: host })).toBeVisible();

  await form.getByLabel(/to confirm/).fill(host);
  await form.getByRole('button', { name: 'Remove host' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Removed host ${host}` })).toBeVisible();
  await page.goto(`/?q=${host}`);
  await expect(page.getByText('No host matches.')).toBeVisible();
});
