// An admin makes an ingest token that enrols a limited number of hosts, sees a
// second host refused, raises the limit from the tokens page, then revokes it.
import { expect, test } from '@playwright/test';
import { report } from './helpers';

test('a token with a host limit refuses a new host until the limit is raised', async ({ page, request }, info) => {
  const name = `e2e-limited-${info.project.name}`;
  await page.goto('/settings/tokens');
  const form = page.getByRole('form', { name: 'New token' });
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Most hosts (optional)').fill('1');
  await form.getByRole('button', { name: 'Create token' }).click();
  const token = (await page.getByTestId('new-token').textContent())!.trim();

  const post = (host: string) => request.post('/api/v1/reports', { data: report(host, 10), headers: { authorization: `Bearer ${token}` } });
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
  expect((await post(`${name}-b`)).status()).toBe(202);

  // Revoked from the dashboard, refused by the API at once (not after its 5 s token cache).
  await page.getByRole('button', { name: `Revoke token ${name}` }).click();
  await expect(page.getByRole('row').filter({ hasText: name }).getByText('revoked', { exact: true })).toBeVisible();
  expect((await post(`${name}-a`)).status()).toBe(401);
});
