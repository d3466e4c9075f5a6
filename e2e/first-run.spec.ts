// A new user's first minutes: start the server, see this machine with real
// numbers, open its page and its chart, script the API with a read token.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { expect, test } from '@playwright/test';
import { ownHost, reloadUntilVisible, serverEnv } from './helpers';

const hostName = os.hostname();
const kernelLimit = (file: string) => Number(readFileSync(file, 'utf8').trim());

test('the fleet page shows this machine with the kernel\'s real numbers', async ({ page }, info) => {
  await page.goto('/');
  const row = page.getByTestId('host-row').filter({ hasText: hostName });
  // The local agent reports every 2 s; the page refreshes itself every 15 s.
  await reloadUntilVisible(page, row);
  await expect(row.locator('[data-status]')).toHaveAttribute('data-status', /ok|warning|critical/);
  const instancesLimit = Math.min(kernelLimit('/proc/sys/fs/inotify/max_user_instances'), kernelLimit('/proc/sys/user/max_inotify_instances'));
  await expect(row.getByRole('meter', { name: 'inotify instances' })).toHaveAttribute('aria-valuemax', String(instancesLimit));
  const fileMax = Number(readFileSync('/proc/sys/fs/file-nr', 'utf8').trim().split(/\s+/)[2]);
  await expect(row.getByRole('meter', { name: 'system file handles' })).toHaveAttribute('aria-valuemax', String(fileMax));
  // The worker runs: no "alerts are not being evaluated" banner (lib/ops/background-status.ts).
  await expect(page.getByTestId('background-behind')).toHaveCount(0);
  await page.screenshot({ path: `e2e/.screens/${info.project.name}-fleet.png`, fullPage: true });

  await row.getByRole('link', { name: hostName }).click();
  await expect(page.getByRole('heading', { name: hostName })).toBeVisible();
  await expect(page.getByText('inotify use per user (effective UID)')).toBeVisible();
  // Recharts draws in the browser: the instances chart has its area and its dashed limit line.
  const chart = page.getByTestId('chart').first();
  await expect(chart.locator('.recharts-area')).toHaveCount(1);
  await expect(chart.locator('.recharts-line')).toHaveCount(1);
  await page.getByRole('link', { name: '15m' }).click();
  await expect(page).toHaveURL(/range=15m/);
  await page.screenshot({ path: `e2e/.screens/${info.project.name}-host.png`, fullPage: true });
});

test('a read token from the CLI, made while the server runs, reads the JSON API', async ({ request, baseURL }, info) => {
  const port = new URL(baseURL!).port;
  // The CLI must reach the same database the running server uses (for the embedded one, through its socket).
  const env = { ...process.env, ...JSON.parse(readFileSync(`e2e/.state/${port}.json`, 'utf8')) };
  const token = execFileSync(process.execPath, ['bin/headroom.mjs', 'token', 'create', '--name', `e2e-${info.project.name}`, '--scope', 'read'], { env }).toString().trim();
  expect(token).toMatch(/^hr_read_/);

  type Hosts = { hosts: { name: string; status: string; dimensions: Record<string, { limit: number }> }[] };
  // This machine's first report comes from the local agent within its 2 s interval.
  const me = async () => {
    const res = await request.get('/api/v1/hosts', { headers: { authorization: `Bearer ${token}` } });
    expect(res.status()).toBe(200);
    return ((await res.json()) as Hosts).hosts.find((h) => h.name === hostName);
  };
  await expect.poll(me, { timeout: 30_000 }).toBeDefined();
  expect((await me())!.dimensions.inotifyInstances!.limit).toBeGreaterThan(0);

  expect((await request.get('/api/v1/hosts')).status()).toBe(401);
  expect((await request.get('/api/health')).status()).toBe(200);
});

test('an unknown host is a 404 page with a way back', async ({ page }) => {
  const res = await page.goto('/hosts/00000000-0000-0000-0000-000000000000');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('link', { name: 'Back to the fleet' })).toBeVisible();
});

test('first run: a fresh token and the agent from the dashboard add another host', async ({ page, request, baseURL }, info) => {
  await page.goto('/');
  // Open on a fresh install; folded away once there are hosts (other journeys may have added some).
  const folded = page.locator('summary', { hasText: 'Add a host' });
  if (await folded.count()) await folded.click();
  await page.getByRole('button', { name: 'Create an ingest token' }).click();
  await expect(page.getByRole('status')).toContainText('shown only now');
  // One line first: it asks for the token, shown beside it.
  const shownToken = await page.getByTestId('agent-token').innerText();
  expect(await page.getByTestId('agent-command').innerText()).toBe(`curl -fsSL ${baseURL}/install.sh | sudo sh -s -- --server ${baseURL}`);
  for (const tab of ['Single executable', 'Docker', 'Kubernetes']) {
    await page.getByRole('tab', { name: tab }).click();
    await expect(page.getByTestId('agent-command')).toContainText(shownToken);
  }
  await page.screenshot({ path: `e2e/.screens/${info.project.name}-add-host-kubernetes.png`, fullPage: true });
  await page.getByRole('tab', { name: 'Checked first' }).click();
  const command = await page.getByTestId('agent-command').innerText();
  const token = /^printf '%s\\n' '(hr_ingest_[A-Za-z0-9_-]+)' \| sudo sh install\.sh --server (\S+) --token-file -$/m.exec(command);
  expect(token, command).not.toBeNull();
  expect(token![2]).toBe(baseURL);
  expect(token![1]).toBe(shownToken);
  expect(command).not.toContain('HEADROOM_TOKEN=');
  // The checksum the dialog gives is that of exactly what GET /install.sh serves.
  const script = await request.get(`${baseURL}/install.sh`);
  expect(script.status()).toBe(200);
  const sha = createHash('sha256').update(await script.body()).digest('hex');
  expect(command).toContain(`curl -fsSLo install.sh ${baseURL}/install.sh\necho '${sha}  install.sh' | sha256sum -c -\n`);

  // What install.sh sets up, minus sudo and systemd (deploy/install.test.ts runs it): the agent from this server, run once.
  const agent = await request.get('/agent/headroom-agent.js');
  expect(agent.status()).toBe(200);
  const file = path.join(os.tmpdir(), `headroom-agent-${info.project.name}.cjs`);
  writeFileSync(file, await agent.body());
  const name = `second-host-${info.project.name}`;
  execFileSync(process.execPath, [file, '--once', '--server', baseURL!, '--host-name', name, '--spool-dir', path.join(os.tmpdir(), `spool-${name}`)], { env: { ...process.env, HEADROOM_TOKEN: token![1] } });
  await page.goto(`/?q=${name}`);
  await expect(page.getByTestId('host-row').filter({ hasText: name })).toBeVisible();
  await page.screenshot({ path: `e2e/.screens/${info.project.name}-search.png`, fullPage: true });
});

test('the fleet sorts by a column and filters by status through the URL', async ({ page, request, baseURL }, info) => {
  // A host of its own that reports: whatever other journeys left silent stays out of its search.
  const host = await ownHost(request, baseURL!, `e2e-sorted-${info.project.name}`);
  await page.goto(`/?q=${host.name}`);
  await page.getByRole('columnheader', { name: /^Host/ }).getByRole('link').click();
  await expect(page).toHaveURL(/sort=name/);
  await expect(page.getByRole('columnheader', { name: /Host/ })).toHaveAttribute('aria-sort', 'ascending');
  await page.getByLabel('Status').selectOption('silent');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/status=silent/);
  await expect(page.getByText('No host matches.')).toBeVisible();
  await page.getByLabel('Status').selectOption('ok');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/status=ok/);
  await expect(page.getByTestId('host-row').filter({ hasText: host.name })).toBeVisible();
});
