// An on-call engineer's alert journey: a host goes critical, shows up under the
// bell, is acknowledged and silenced from the page; a channel gets a test.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { cliToken, reloadUntilVisible, report } from './helpers';

test('a critical host is acknowledged and silenced from the alerts page', async ({ page, request, baseURL }, info) => {
  // The default rule fires once the host has stayed at the wall for a minute.
  test.setTimeout(180_000);
  const host = `e2e-hot-${info.project.name}`;
  const ingest = cliToken(baseURL!, 'ingest', `e2e-ingest-${info.project.name}`);
  const send = () => request.post('/api/v1/reports', { data: report(host, 124), headers: { authorization: `Bearer ${ingest}` } });
  expect((await send()).status()).toBe(202);
  const reporting = setInterval(() => void send().catch(() => {}), 5000);

  await page.goto('/alerts');
  const row = page.getByTestId('alert-row').filter({ hasText: host });
  try {
    await reloadUntilVisible(page, row, 120_000);
  } finally {
    clearInterval(reporting);
  }
  await expect(page.getByRole('link', { name: /firing alert/ })).toBeVisible();
  await expect(row).toContainText('Critical');
  await expect(row).toContainText('96 %');
  // What it is about and whose, with its figures.
  await expect(row).toContainText('inotify instances of uid 0 (root)');
  await expect(row).toContainText('124 of 128');
  await page.screenshot({ path: `e2e/.screens/${info.project.name}-alerts.png`, fullPage: true });

  await row.getByPlaceholder('note (optional)').fill('looking into it');
  await row.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(row).toHaveCount(0);
  await page.getByRole('link', { name: 'Acknowledged' }).click();
  await expect(page.getByTestId('alert-row').filter({ hasText: host })).toContainText('acknowledged by user:admin: looking into it');

  await page.getByLabel('Silence').selectOption({ label: host });
  await page.getByLabel('Reason').fill('kernel upgrade');
  await page.getByRole('button', { name: 'Add silence' }).click();
  await expect(page.getByRole('status')).toHaveText('silenced');
  await expect(page.getByRole('listitem').filter({ hasText: host })).toContainText('kernel upgrade');
});

test('a webhook channel added in settings receives a test', async ({ page }, info) => {
  const got: unknown[] = [];
  const receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => { got.push(JSON.parse(body)); res.end('ok'); });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  try {
    await page.goto('/settings/channels');
    await page.getByText('JSON webhook').click();
    const form = page.getByRole('form', { name: 'New webhook channel' });
    await form.getByLabel('Name').fill(`e2e hook ${info.project.name}`);
    await form.getByLabel('URL').fill(url);
    await form.getByRole('button', { name: 'Add' }).click();
    await expect(form.getByRole('status')).toHaveText('channel added');
    await page.getByRole('button', { name: `Send test to e2e hook ${info.project.name}` }).click();
    await expect.poll(() => got.length, { timeout: 15_000 }).toBe(1);
    expect(got[0]).toMatchObject({ kind: 'test' });
    await expect(async () => {
      await page.reload();
      await expect(page.getByRole('row').filter({ hasText: `e2e hook ${info.project.name}` }).first()).toContainText('delivered', { timeout: 1000 });
    }).toPass({ timeout: 15_000 });
    await page.screenshot({ path: `e2e/.screens/${info.project.name}-channels.png`, fullPage: true });
    await page.goto('/settings');
    await page.screenshot({ path: `e2e/.screens/${info.project.name}-rules.png`, fullPage: true });
  } finally {
    receiver.close();
  }
});

test('a PagerDuty channel added in settings sends its test as an Events API v2 event', async ({ page }, info) => {
  const got: { routing_key?: string; event_action?: string; payload?: { severity?: string } }[] = [];
  const receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => { got.push(JSON.parse(body)); res.writeHead(202).end('{"status":"success"}'); });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/v2/enqueue`;
  const name = `e2e pagerduty ${info.project.name}`;
  const key = 'E2Eabcdef0123456789abcdef012345';
  try {
    await page.goto('/settings/channels');
    await page.getByText('PagerDuty (Events API v2)').click();
    const form = page.getByRole('form', { name: 'New pagerduty channel' });
    await form.getByLabel('Name').fill(name);
    await form.getByLabel('Integration (routing) key').fill(key);
    await form.getByLabel(/Events API URL/).fill(url);
    await form.getByRole('button', { name: 'Add' }).click();
    await expect(form.getByRole('status')).toHaveText('channel added');
    await expect(page.getByRole('row').filter({ hasText: name }).first()).not.toContainText(key);
    await page.getByRole('button', { name: `Send test to ${name}` }).click();
    await expect.poll(() => got.length, { timeout: 15_000 }).toBe(1);
    expect(got[0]).toMatchObject({ routing_key: key, event_action: 'trigger', payload: { severity: 'info' } });
    await page.screenshot({ path: `e2e/.screens/${info.project.name}-channels-pagerduty.png`, fullPage: true });
  } finally {
    receiver.close();
  }
});
