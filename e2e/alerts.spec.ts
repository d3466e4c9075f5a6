// An on-call engineer's alert journey: a host goes critical, shows up under the
// bell, is acknowledged and silenced from the page; a channel gets a test.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { startAlertmanager } from '../lib/testing/alertmanager';
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

// Paging services added from the settings page, each sending its test as its API documents.
const pagers = [
  { kind: 'pagerduty', title: 'PagerDuty (Events API v2)', keyLabel: 'Integration (routing) key', urlLabel: /Events API URL/, key: 'E2Eabcdef0123456789abcdef012345', path: '/v2/enqueue',
    check: (b: Record<string, unknown>, key: string) => expect(b).toMatchObject({ routing_key: key, event_action: 'trigger', payload: { severity: 'info' } }) },
  { kind: 'opsgenie', title: 'Opsgenie', keyLabel: 'API key', urlLabel: /API URL/, key: 'eb243592-faa2-4ba2-a551-1afdf565c889', path: '',
    check: (b: Record<string, unknown>) => expect(b).toMatchObject({ priority: 'P5', source: 'Headroom' }) },
] as const;

for (const p of pagers) test(`a ${p.title} channel added in settings sends its test`, async ({ page }, info) => {
  const got: { url: string; auth: string | undefined; body: Record<string, unknown> }[] = [];
  const receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => { got.push({ url: req.url ?? '', auth: req.headers.authorization, body: JSON.parse(body) }); res.writeHead(202).end('{}'); });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}${p.path}`;
  const name = `e2e ${p.kind} ${info.project.name}`;
  try {
    await page.goto('/settings/channels');
    await page.getByText(p.title, { exact: true }).click();
    const form = page.getByRole('form', { name: `New ${p.kind} channel` });
    await form.getByLabel('Name').fill(name);
    await form.getByLabel(p.keyLabel).fill(p.key);
    await form.getByLabel(p.urlLabel).fill(url);
    // A pager wakes someone for critical alerts only.
    await form.getByLabel('Carries').selectOption('critical');
    await form.getByRole('button', { name: 'Add' }).click();
    await expect(form.getByRole('status')).toHaveText('channel added');
    const item = page.getByRole('listitem').filter({ hasText: name }).first();
    await expect(item.getByTestId('carries')).toHaveText('critical only');
    await expect(item).not.toContainText(p.key);
    // What it carries is changed in the list, and changed back.
    await item.getByLabel(`Carries (${name})`).selectOption('warning');
    await item.getByRole('button', { name: `Save what ${name} carries` }).click();
    await expect(item.getByTestId('carries')).toHaveCount(0);
    await item.getByLabel(`Carries (${name})`).selectOption('critical');
    await item.getByRole('button', { name: `Save what ${name} carries` }).click();
    await expect(item.getByTestId('carries')).toHaveText('critical only');
    await page.getByRole('button', { name: `Send test to ${name}` }).click();
    await expect.poll(() => got.length, { timeout: 15_000 }).toBe(1);
    p.check(got[0]!.body, p.key);
    if (p.kind === 'opsgenie') expect(got[0]).toMatchObject({ url: '/v2/alerts', auth: `GenieKey ${p.key}` });
    await page.screenshot({ path: `e2e/.screens/${info.project.name}-channels-${p.kind}.png`, fullPage: true });
  } finally {
    receiver.close();
  }
});

test('an Alertmanager channel added in settings puts its test into a real Alertmanager', async ({ page }, info) => {
  const hook = http.createServer((req, res) => { req.resume().on('end', () => res.writeHead(200).end()); });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
  const am = await startAlertmanager(`http://127.0.0.1:${(hook.address() as AddressInfo).port}/`);
  const name = `e2e alertmanager ${info.project.name}`;
  try {
    await page.goto('/settings/channels');
    await page.getByText('Prometheus Alertmanager (API v2)', { exact: true }).click();
    const form = page.getByRole('form', { name: 'New alertmanager channel' });
    await form.getByLabel('Name').fill(name);
    await form.getByLabel(/Alertmanager URL/).fill(am.url);
    await form.getByRole('button', { name: 'Add' }).click();
    await expect(form.getByRole('status')).toHaveText('channel added');
    await page.getByRole('button', { name: `Send test to ${name}` }).click();
    await expect.poll(async () => (await am.alerts()).filter((a) => a.labels.alertname === 'HeadroomTest').length, { timeout: 15_000 }).toBe(1);
    await page.screenshot({ path: `e2e/.screens/${info.project.name}-channels-alertmanager.png`, fullPage: true });
    // The Alertmanager goes with the test: so does the channel, which would be re-sent to every minute.
    await page.getByRole('button', { name: `Delete channel ${name}` }).click();
    await expect(page.getByRole('button', { name: `Delete channel ${name}` })).toHaveCount(0);
  } finally {
    await am.close();
    hook.close();
  }
});

// Chat and push services added from the settings page: each one's test arrives where that service takes it.
const BOT = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0';
const chats = [
  { kind: 'slack', title: 'Slack, Mattermost or Rocket.Chat (incoming webhook)', fill: { 'Incoming webhook URL': '/hooks/xk3nd83hd7a' }, path: '/hooks/xk3nd83hd7a', check: (b: Record<string, unknown>) => expect(b.text).toContain('TEST') },
  { kind: 'teams', title: 'Microsoft Teams (Workflows)', fill: { 'Workflow URL': '/workflows/abc' }, path: '/workflows/abc', check: (b: Record<string, unknown>) => expect(JSON.stringify(b)).toContain('AdaptiveCard') },
  { kind: 'discord', title: 'Discord', fill: { 'Webhook URL': '/api/webhooks/1/x' }, path: '/api/webhooks/1/x', check: (b: Record<string, unknown>) => expect(b).toHaveProperty('embeds') },
  { kind: 'googlechat', title: 'Google Chat', fill: { 'Incoming webhook URL': '/v1/spaces/AAA/messages?key=k' }, path: '/v1/spaces/AAA/messages?key=k', check: (b: Record<string, unknown>) => expect(b.text).toContain('TEST') },
  { kind: 'ntfy', title: 'ntfy', fill: { '^Topic$': 'headroom-e2e-7f3a', 'Server URL': '' }, path: '/', check: (b: Record<string, unknown>) => expect(b).toMatchObject({ topic: 'headroom-e2e-7f3a' }) },
  { kind: 'telegram', title: 'Telegram', fill: { 'Bot token': BOT, 'Chat id': '-1001234567890', 'Bot API URL': '' }, path: `/bot${BOT}/sendMessage`, check: (b: Record<string, unknown>) => expect(b).toMatchObject({ chat_id: '-1001234567890' }) },
] as const;

for (const c of chats) test(`a ${c.title} channel added in settings sends its test`, async ({ page }, info) => {
  const got: { url: string; body: Record<string, unknown> }[] = [];
  const receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => { got.push({ url: req.url ?? '', body: JSON.parse(body) }); res.writeHead(200).end('{"ok":true}'); });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  const name = `e2e ${c.kind} ${info.project.name}`;
  try {
    await page.goto('/settings/channels');
    await page.getByText(c.title, { exact: true }).click();
    const form = page.getByRole('form', { name: `New ${c.kind} channel` });
    await form.getByLabel('Name').fill(name);
    // A URL field with no path of its own is the service's address: this receiver.
    for (const [label, value] of Object.entries(c.fill)) await form.getByLabel(label.startsWith('^') ? new RegExp(label) : label).fill(label.endsWith('URL') ? `${origin}${value}` : value);
    await form.getByRole('button', { name: 'Add' }).click();
    await expect(form.getByRole('status')).toHaveText('channel added');
    await page.getByRole('button', { name: `Send test to ${name}` }).click();
    await expect.poll(() => got.length, { timeout: 15_000 }).toBe(1);
    expect(got[0]!.url).toBe(c.path);
    c.check(got[0]!.body);
  } finally {
    receiver.close();
  }
});
