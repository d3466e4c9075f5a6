// Drilling into one host after the fact: pick a moment on a chart, zoom, export.
import { expect, test } from '@playwright/test';
import { cliToken, ownHost, report } from './helpers';

test('a click on a chart shows the processes at that moment; a drag zooms; the range exports as CSV', async ({ page, request, baseURL }, info) => {
  // Fifteen minutes of history, so the whole 15m chart has reports under the pointer.
  const host = await ownHost(request, baseURL!, `e2e-history-${info.project.name}`, { minutes: 15 });
  await page.goto(`/?q=${host.name}`);
  await page.getByTestId('host-row').getByRole('link', { name: host.name }).click();
  await expect(page.getByRole('heading', { name: host.name })).toBeVisible();
  await page.getByRole('link', { name: '15m', exact: true }).click();
  const chart = page.getByTestId('chart').first();
  await expect(chart.locator('.recharts-area')).toHaveCount(1);
  await chart.scrollIntoViewIfNeeded();
  const box = (await chart.boundingBox())!;

  await page.mouse.move(box.x + box.width * 0.7, box.y + box.height / 2, { steps: 5 });
  await page.mouse.click(box.x + box.width * 0.7, box.y + box.height / 2);
  await expect(page).toHaveURL(/at=\d+/);
  // The first chart is inotify instances: the page looks for the report that peaked in the clicked stretch.
  await expect(page).toHaveURL(/peak=inotifyInstances/);
  await expect(page.getByRole('heading', { name: /^At \d{4}-\d\d-\d\d/ })).toBeVisible();
  await expect(page.getByRole('table').filter({ hasText: 'PID' })).toBeVisible();

  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2, { steps: 8 });
  await page.mouse.up();
  await expect(page).toHaveURL(/from=\d+&to=\d+/);
  await expect(page.getByRole('link', { name: 'back to live' })).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.csv$/);
});

test('the moment can be picked from the keyboard too', async ({ page, request, baseURL }, info) => {
  const host = await ownHost(request, baseURL!, `e2e-history-keys-${info.project.name}`, { minutes: 1 });
  await page.goto(`/hosts/${host.id}`);
  const at = page.getByLabel('Processes at (UTC)');
  await at.focus();
  await at.fill(new Date(Date.now() - 5000).toISOString().slice(0, 19));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/at=\d{4}-\d\d-\d\dT/);
  await expect(page.getByRole('heading', { name: /^At \d{4}-\d\d-\d\d/ })).toBeVisible();
});

test('the host page names the containers that hold the budget, then and now', async ({ page, request, baseURL }, info) => {
  const name = `e2e-containers-${info.project.name}`;
  const token = cliToken(baseURL!, 'ingest', `e2e-own-${name}`);
  const pod = { namespace: 'ci', name: 'runner-7f9c', uid: '2f0b5c1e-8d1a-4a53-9d39-3f7a0e3c2b11', container: 'buildkitd' };
  const sums = (instances: number, watches: number, processes = 1) => ({ processes, instances, watches, fds: 20 * processes, unreadable: 0 });
  const now = Date.now();
  let id = '';
  // Eight minutes of reports every 15 s while the builder's pod climbs from 10 to 90 instances.
  for (let i = 32; i >= 0; i--) {
    const builder = 10 + Math.round((80 * (32 - i)) / 32);
    const r = report(name, builder + 20);
    const byContainer = {
      containers: [
        { id: 'c'.repeat(64), runtime: 'containerd', name: null, image: 'moby/buildkit:v0.20.0', composeProject: null, pod, ...sums(builder, 12 * builder, 2) },
        { id: 'd'.repeat(64), runtime: 'docker', name: 'web-1', image: 'nginx:1.27', composeProject: 'shop', pod: null, ...sums(2, 30) },
      ],
      rest: { ...sums(10, 400, 60), containers: 40 },
      host: sums(8, 250, 90),
    };
    // The last report caught the builder failing to get an inotify instance.
    const at = new Date(now - i * 15_000);
    const call = { call: 'inotify_init1', errno: 'EMFILE', program: 'buildkitd', pid: 4242, uid: 0, containerId: 'c'.repeat(64), containerName: 'buildkitd' };
    const failures = { capture: 'on', reason: null, message: null, since: new Date(at.getTime() - 15_000).toISOString(), total: i === 0 ? 3 : 0, dropped: 0,
      counts: i === 0 ? [{ ...call, count: 3 }] : [], samples: i === 0 ? [{ ...call, at: at.toISOString() }] : [] };
    const res = await request.post('/api/v1/reports', {
      data: { ...r, collectedAt: at.toISOString(), byContainer, failures }, headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status(), await res.text()).toBe(202);
    id = ((await res.json()) as { hostId: string }).hostId;
  }
  await page.goto(`/hosts/${id}?range=15m`);
  const table = page.getByTestId('container-table');
  await expect(table.getByRole('row').nth(1)).toContainText('ci/runner-7f9c (buildkitd)');
  await expect(table.getByRole('row').nth(1)).toContainText('moby/buildkit:v0.20.0');
  await expect(table.getByRole('row').nth(1).getByRole('cell').nth(2)).toHaveText('90');
  await expect(table).toContainText('web-1');
  await expect(table).toContainText('compose shop');
  await expect(table).toContainText('40 more containers');
  await expect(table).toContainText('the host itself');
  const byContainer = page.locator('figure').filter({ hasText: 'inotify instances by container' });
  await expect(byContainer.getByTestId('chart')).toBeVisible();
  await expect(byContainer).toContainText('ci/runner-7f9c (buildkitd)');
  await expect(page.locator('#failures')).toContainText('buildkitd');
  await expect(page.locator('#failures')).toContainText('EMFILE');
  await table.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `e2e/.screens/${info.project.name}-host-containers.png`, fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.reload();
  await expect(page.getByTestId('container-table')).toBeVisible();
  await page.screenshot({ path: `e2e/.screens/${info.project.name}-host-containers-dark.png`, fullPage: true });
  await page.emulateMedia({ colorScheme: 'light' });
  // An earlier moment shows the containers as they were then: the sample of five minutes ago (one a minute).
  await page.goto(`/hosts/${id}?range=15m&at=${now - 5 * 60_000}`);
  await expect(page.getByTestId('container-table').getByRole('row').nth(1).getByRole('cell').nth(2)).toHaveText('40');
});

test('a host whose containers start in steps is full at the pace of its container count', async ({ page, request, baseURL }, info) => {
  const name = `e2e-stairs-${info.project.name}`;
  const token = cliToken(baseURL!, 'ingest', `e2e-own-${name}`);
  const now = Date.now();
  let id = '';
  // Two hours and ten minutes, a report a minute: ten more containers every 20 minutes, one containerd shim instance each.
  for (let m = 130; m >= 0; m--) {
    const running = 50 + 10 * Math.floor((130 - m) / 20);
    const r = report(name, 8 + running);
    const res = await request.post('/api/v1/reports', {
      data: {
        ...r, collectedAt: new Date(now - m * 60_000).toISOString(), intervalSeconds: 60,
        daemons: [{ name: 'containerd', pid: 900, euid: 0, fds: 300, fdLimit: 1_048_576, version: '1.7.24' }],
        containers: { method: 'containerd-shim', running, total: null, buildkitImages: [] },
      },
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status(), await res.text()).toBe(202);
    id = ((await res.json()) as { hostId: string }).hostId;
  }
  await page.goto(`/hosts/${id}?range=6h`);
  await expect(page.getByTestId('container-room')).toContainText('room for about 10 more containers');
  await expect(page.locator('figure').filter({ hasText: 'Running containers' }).getByTestId('chart')).toBeVisible();
  await expect(page.getByTestId('container-room')).toContainText('more containers an hour that room is gone in');
  const card = page.getByText("at the container count's pace");
  await expect(card).toBeVisible();
  await expect(card).toHaveAttribute('title', /following the container count, \d+ more containers an hour/);
  await page.screenshot({ path: `e2e/.screens/${info.project.name}-host-stairs.png`, fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.reload();
  await expect(page.getByTestId('container-room')).toBeVisible();
  await page.screenshot({ path: `e2e/.screens/${info.project.name}-host-stairs-dark.png`, fullPage: true });
  await page.emulateMedia({ colorScheme: 'light' });
  // The fleet's "Full in" says the same, with the pace on hover.
  await page.goto(`/?q=${name}`);
  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row.locator('td[title^="inotify instances: following the container count"]')).toHaveText(/^\d+(\.\d)? min$/);
});
