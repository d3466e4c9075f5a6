// An admin makes an ingest token that enrols a limited number of hosts, sees a
// second host refused, raises the limit from the tokens page, revokes it, and
// removes the hosts it enrolled.
import { expect, test } from '@playwright/test';
import { report } from './helpers';

test('a token with a host limit refuses a new host until the limit is raised; its hosts go in one act', async ({ page, request }, info) => {
  const name = `e2e-limited-${info.project.name}`;
  await page.goto('/settings/tokens');
  const form = page.getByRole('form', { name: 'New token' });
  await form.getByLabel('Name').fill(name);
  await form.getByLabel(/^Most hosts \(blank/).fill('1');
  await form.getByRole('button', { name: 'Create token' }).click();
  const token = (await page.getByTestId('new-token').textContent())!.trim();

  const post = (host: string) => request.post('/api/v1/reports', { data: report(host, 10), headers: { authorization: `Bearer ${token}` } });
  // A token change reaches the process that made it at once, and the other
  // web process of the postgres server (two on one port) within its 5 s token cache.
  const answers = async (host: string, status: number) => {
    if (info.project.name === 'embedded') expect((await post(host)).status()).toBe(status);
    else await expect.poll(async () => (await post(host)).status(), { timeout: 10_000 }).toBe(status);
  };
  expect((await post(`${name}-a`)).status()).toBe(202);
  const refused = await post(`${name}-b`);
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.message).toContain('has enrolled the 1 host it may');

  await page.reload();
  const limit = page.getByRole('form', { name: `Host limit of ${name}` });
  await expect(limit).toContainText('1 of 1');
  await limit.getByLabel(`Most hosts token ${name} may enrol`).fill('2');
  await limit.getByRole('button', { name: 'Set' }).click();
  await expect(limit.getByRole('status')).toHaveText('at most 2');
  await expect(limit).toContainText('1 of 2');
  await answers(`${name}-b`, 202);

  // Revoked from the dashboard, refused by the API at once (not after its 5 s token cache).
  const stale = await page.context().newPage();
  await stale.goto('/settings/tokens');
  await page.getByRole('button', { name: `Revoke token ${name}` }).click();
  await expect(page.getByRole('row').filter({ hasText: name }).getByText('revoked', { exact: true })).toBeVisible();
  await answers(`${name}-a`, 401);
  // A second tab, still showing it active, is told so rather than sent to the error page.
  await stale.getByRole('button', { name: `Revoke token ${name}` }).click();
  await expect(stale.getByRole('row').filter({ hasText: name }).getByRole('alert')).toContainText('no active token matches');

  // What it enrolled goes in one act, revoked as it is: listed by the page first, removed by the second click.
  await page.getByRole('row').filter({ hasText: name }).getByRole('button', { name: 'Remove hosts…' }).click();
  const panel = page.getByRole('region', { name: `Remove hosts of ${name}` });
  await expect(panel).toContainText(`2 hosts, with all their history and alerts: ${name}-`);
  await panel.getByRole('button', { name: 'Remove 2 hosts' }).click();
  await expect(panel).toContainText('None: it enrolled no host in the last hour.');
  await page.goto(`/?q=${name}`);
  await expect(page.getByText('No host matches.')).toBeVisible();
});
