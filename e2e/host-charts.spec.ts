// Reading a host's charts: a slow watch leak that only "fit to data" shows,
// axis ticks that fit, one moment under the pointer on every chart, alert and
// silence bands whose labels never cover each other, and which report each
// figure on the page comes from.
import { randomUUID } from 'node:crypto';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { cliToken } from './helpers';
import { pastTheEdge } from './sideways';

const WATCH_LIMIT = 65536;

/** A report of `name` at `at`: watches at `watchFraction` of the limit, the busiest process at `fds` of 1,024. */
function leakReport(name: string, at: number, o: { watchFraction: number; fds: number; rootInstances?: number; label?: string; users?: { uid: number; user: string }[] }) {
  const watches = Math.round(WATCH_LIMIT * o.watchFraction);
  return {
    protocolVersion: 1, reportId: randomUUID(), collectedAt: new Date(at).toISOString(), intervalSeconds: 15,
    host: { name, machineId: null, kernel: '6.1.0', agentVersion: 'e2e', bootTime: null, ...(o.label ? { labels: [o.label] } : {}) },
    fds: { allocated: 1_600_000, max: 2_000_000, nrOpen: 1048576 },
    inotify: { maxUserInstances: 128, maxUserWatches: WATCH_LIMIT, maxQueuedEvents: 16384, instancesSource: 'fs.inotify', watchesSource: 'fs.inotify' },
    uids: [{ uid: 0, user: 'root', instances: o.rootInstances ?? 40, watches }, ...(o.users ?? []).map((u) => ({ ...u, instances: 2, watches: 10 }))],
    processes: [{ pid: 4242, command: 'buildkitd', euid: 0, fds: o.fds, fdLimit: 1024, inotifyInstances: 3, inotifyWatches: watches, containerId: null }],
    daemons: [], containers: { method: 'none', running: 3, total: null, buildkitImages: [] },
    scan: { processes: 40, skipped: { vanished: 0, denied: 0 }, durationMs: 2 },
  };
}

async function send(request: APIRequestContext, token: string, body: unknown): Promise<string> {
  const res = await request.post('/api/v1/reports', { data: body, headers: { authorization: `Bearer ${token}` } });
  expect(res.status(), await res.text()).toBe(202);
  return ((await res.json()) as { hostId: string }).hostId;
}

const chart = (page: Page, title: string) => page.locator('figure').filter({ hasText: title });
const yTicks = (page: Page, title: string) => chart(page, title).locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value').allTextContents();

test('the charts of a leaking host read: ticks in k and M that fit, fit to data, one crosshair, bands labelled apart', async ({ page, request, baseURL }, info) => {
  test.setTimeout(120_000);
  const name = `e2e-leak-${info.project.name}`;
  const label = `e2e-bands-${info.project.name}`;
  const ingest = cliToken(baseURL!, 'ingest', `e2e-leak-${info.project.name}`);
  const admin = cliToken(baseURL!, 'admin', `e2e-leak-admin-${info.project.name}`);
  // A rule of this host's own, so the bands do not hang on the default rules' levels and delays.
  const rule = await request.post('/api/v1/rules', {
    headers: { authorization: `Bearer ${admin}` },
    data: { name: `fds ${label}`, dimension: 'processFds', warning: 0.5, critical: 0.9, forSeconds: 0, hysteresis: 0.05, label, enabled: true },
  });
  expect(rule.status(), await rule.text()).toBe(201);

  // Fifteen minutes of history: watches creep from 1 % to 3 % of the limit.
  const now = Date.now();
  let hostId = '';
  for (let i = 0; i <= 56; i++) {
    hostId = await send(request, ingest, leakReport(name, now - 15 * 60_000 + i * 15_000, { watchFraction: 0.01 + 0.02 * (i / 56), fds: 300, label }));
  }
  // Live: the busiest process goes critical, and a silence starts while it is.
  await send(request, ingest, leakReport(name, Date.now(), { watchFraction: 0.03, fds: 980, label }));
  await expect.poll(async () => {
    const res = await request.get(`/api/v1/alerts?host=${name}`, { headers: { authorization: `Bearer ${admin}` } });
    return ((await res.json()) as { alerts: { state: string }[] }).alerts.filter((a) => a.state === 'firing').length;
  }, { timeout: 20_000 }).toBeGreaterThan(0);
  const silence = await request.post('/api/v1/silences', { headers: { authorization: `Bearer ${admin}` }, data: { hostId, endsAt: new Date(Date.now() + 3600_000).toISOString(), reason: 'e2e' } });
  expect(silence.status(), await silence.text()).toBe(201);

  await page.goto(`/hosts/${hostId}?range=15m`);
  const watches = 'inotify watches (worst UID)';
  await expect(chart(page, watches).locator('.recharts-area')).toHaveCount(1);

  // Against the limit (the default): zero to past 65,536, in k; the leak is a flat line near zero.
  const limitTicks = await yTicks(page, watches);
  expect(limitTicks[0]).toBe('0');
  expect(limitTicks.at(-1)).toMatch(/^\d+k$/);
  // No tick of any chart is written with separators, and none is cut off at the left of its chart.
  for (const fig of await page.locator('figure').filter({ has: page.getByTestId('chart') }).all()) {
    const box = (await fig.locator('.recharts-wrapper > svg.recharts-surface').boundingBox())!;
    for (const tick of await fig.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value').all()) {
      expect(await tick.textContent()).toMatch(/^\d+(\.\d+)?[kM]?$/);
      expect((await tick.boundingBox())!.x).toBeGreaterThanOrEqual(box.x);
    }
  }
  expect(await yTicks(page, 'System file handles')).toContain('1.5M');

  // Fit to data: a link, kept in the URL; the axis spans the leak, and the limit is said to be above it.
  await page.getByRole('link', { name: 'fit to data' }).click();
  await expect(page).toHaveURL(/y=fit/);
  await expect(chart(page, watches).getByTestId('limit-above')).toHaveText('↑ limit 65,536, above this view');
  const fitTicks = (await yTicks(page, watches)).map((t) => Number(t.replace('k', '')) * (t.endsWith('k') ? 1000 : 1));
  expect(fitTicks[0]).toBeGreaterThan(0);
  expect(fitTicks.at(-1)).toBeLessThan(WATCH_LIMIT * 0.05);
  await page.getByRole('link', { name: '1h', exact: true }).click();
  await expect(page).toHaveURL(/range=1h&y=fit/);
  await page.goto(`/hosts/${hostId}?range=15m&y=fit`);

  // One crosshair: the pointer on one chart shows the same moment on every chart.
  // The page streams its charts in: measure the first once it is drawn.
  await expect(page.getByTestId('chart').first()).toBeVisible();
  // In view first: the pointer cannot hover what lies below the window.
  await page.getByTestId('chart').first().scrollIntoViewIfNeeded();
  const first = (await page.getByTestId('chart').first().boundingBox())!;
  await page.mouse.move(first.x + first.width * 0.5, first.y + first.height / 2, { steps: 4 });
  const tips = page.getByTestId('chart-tooltip');
  await expect.poll(() => tips.count()).toBeGreaterThanOrEqual(5);
  const moments = new Set((await tips.all()).length ? await Promise.all((await tips.all()).map((t) => t.locator('div').first().textContent())) : []);
  expect(moments.size).toBe(1);
  await page.mouse.move(0, 0);

  // Bands: the alert and the silence that began while it fired are both labelled, and no two labels overlap.
  const labels = chart(page, 'Process fds (worst process)').locator('.band-labels text');
  await expect.poll(() => labels.count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
  await expect(labels.filter({ hasText: 'silenced' })).toHaveCount(1);
  await expect(labels.filter({ hasText: 'critical' }).first()).toBeVisible();
  const boxes = await Promise.all((await labels.all()).map(async (l) => (await l.boundingBox())!));
  for (const [i, a] of boxes.entries()) {
    for (const b of boxes.slice(i + 1)) {
      const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
      expect(apart, `labels at ${JSON.stringify(a)} and ${JSON.stringify(b)} overlap`).toBe(true);
    }
  }
  // Per-user series say how they are sampled.
  await expect(chart(page, 'inotify watches per user')).toContainText('Per-user counts are sampled once a minute');

  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const y of ['limit', 'fit']) {
      await page.goto(`/hosts/${hostId}?range=15m&y=${y}`);
      await expect(chart(page, watches).locator('.recharts-area')).toHaveCount(1);
      for (const width of [1400, 390]) {
        await page.setViewportSize({ width, height: 900 });
        await page.getByText('Remove this host').click();
        expect(await pastTheEdge(page), `at ${width} px`).toEqual([]);
        await page.getByText('Remove this host').click();
        await page.screenshot({ path: `e2e/.screens/${info.project.name}-host-${y}-${width}-${scheme}.png`, fullPage: true });
      }
      await page.setViewportSize({ width: 1280, height: 720 });
    }
  }
});

test('the per-user table says which report it is from when the figures at the top are newer', async ({ page, request, baseURL }, info) => {
  const name = `e2e-report-age-${info.project.name}`;
  const ingest = cliToken(baseURL!, 'ingest', `e2e-report-age-${info.project.name}`);
  const t1 = Date.now() - 5000;
  // The first report stores everything; one 2 s later with another count for root is kept in the
  // current state only (per-user counts are stored at most once a minute).
  const hostId = await send(request, ingest, leakReport(name, t1, { watchFraction: 0.01, fds: 300, rootInstances: 50 }));
  await send(request, ingest, leakReport(name, t1 + 2000, { watchFraction: 0.01, fds: 300, rootInstances: 60 }));
  await page.goto(`/hosts/${hostId}`);
  const stamp = (t: number) => new Date(t).toISOString().replace('T', ' ').slice(0, 19) + ' UTC';
  await expect(page.getByTestId('summary-at')).toHaveText(`Figures above: from the report of ${stamp(t1 + 2000)}.`);
  await expect(page.getByText('60/128')).toBeVisible();
  await expect(page.getByTestId('report-age')).toContainText(`The figures at the top are from the report of ${stamp(t1 + 2000)}`);
  await expect(page.getByTestId('report-age')).toContainText(`so these are from the report of ${stamp(t1)}`);
  const perUser = page.getByRole('table').filter({ hasText: 'inotify use per user' });
  await expect(perUser).toContainText(`from the report of ${stamp(t1).slice(11)}`);
  await expect(perUser.getByRole('row').filter({ hasText: 'root' })).toContainText('50 / 128');
});
