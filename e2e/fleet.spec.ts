// A platform engineer works the fleet page: the filter form with "any", a
// typed search, label and status, sorting and paging in any order, grouping
// by label, a host whose firing alert outranks its figures, a silent host's
// greyed figures, and the last hour's sparkline.
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { cliToken, ownHost, report } from './helpers';

/** Hosts of one project's run: names and labels of their own, so other journeys' hosts never interfere. */
function fleet(project: string) {
  const p = `fl-${project}`;
  const a = `${p}-a`;
  const b = `${p}-b`;
  // name, inotify instances of 128, labels
  const hosts: [string, number, string[]][] = [
    ['crit-1', 120, [a]], ['crit-2', 118, [b]], ['warn-1', 105, [a, b]], ['warn-2', 104, []],
    ...Array.from({ length: 8 }, (_, i) => [`ok-${i + 1}`, 10 + i * 5, i % 2 ? [a] : [b]] as [string, number, string[]]),
  ];
  return { prefix: p, a, b, hosts: hosts.map(([n, instances, labels]) => ({ name: `${p}-${n}`, instances, labels })) };
}

async function send(request: APIRequestContext, token: string, name: string, instances: number, labels: string[], o: { at?: Date; intervalSeconds?: number } = {}) {
  const r = report(name, instances);
  const body = { ...r, collectedAt: (o.at ?? new Date()).toISOString(), intervalSeconds: o.intervalSeconds ?? 15, host: { ...r.host, labels } };
  const res = await request.post('/api/v1/reports', { data: body, headers: { authorization: `Bearer ${token}` } });
  expect(res.status(), await res.text()).toBe(202);
}

const names = (page: Page) => page.getByTestId('host-name');

test.describe.serial('the fleet page', () => {
  let f: ReturnType<typeof fleet>;
  let ingest: string;

  test.beforeAll(async ({ request, baseURL }, info) => {
    f = fleet(info.project.name);
    ingest = cliToken(baseURL!, 'ingest', `e2e-fleet-${info.project.name}`);
    for (const h of f.hosts) await send(request, ingest, h.name, h.instances, h.labels);
  });

  test('Apply with Status and Label on "any" shows the fleet, and a search typed in the form finds its hosts', async ({ page }) => {
    await page.goto('/');
    await page.getByLabel('Status').selectOption('');
    await page.getByRole('combobox', { name: /^Label/ }).selectOption('');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page).toHaveURL(/status=&label=/);
    await expect(page.getByText('No host has reported yet')).toHaveCount(0);
    await expect(page.getByRole('link', { name: /^Hosts/ })).not.toHaveText(/Hosts\s*0$/i);
    await expect(page.getByTestId('host-row').first()).toBeVisible();

    await page.getByLabel('Search').fill(f.prefix);
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page).toHaveURL(new RegExp(`q=${f.prefix}&status=&label=`));
    await expect(page.getByTestId('host-row')).toHaveCount(f.hosts.length);
    await expect(page.getByRole('link', { name: /^Hosts/ })).toContainText(String(f.hosts.length));
  });

  test('search, status, label, sort and pages combine in any order', async ({ page }) => {
    // Page 1 of 2, by name, ten a page.
    await page.goto(`/?q=${f.prefix}&sort=name&per=10`);
    const all = f.hosts.map((h) => h.name).sort();
    await expect(names(page)).toHaveText(all.slice(0, 10));
    await page.getByRole('link', { name: 'Next →' }).click();
    await expect(page).toHaveURL(/page=2/);
    await expect(names(page)).toHaveText(all.slice(10));

    // A label from page 2: back to page 1, search, sort and page size kept.
    await page.getByRole('combobox', { name: /^Label/ }).selectOption(f.a);
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page).not.toHaveURL(/page=/);
    await expect(page).toHaveURL(/sort=name/);
    await expect(page).toHaveURL(/per=10/);
    const inA = f.hosts.filter((h) => h.labels.includes(f.a)).map((h) => h.name).sort();
    await expect(names(page)).toHaveText(inA);

    // Then a status, then the other direction of the name sort.
    await page.getByLabel('Status').selectOption('critical');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(names(page)).toHaveText([`${f.prefix}-crit-1`]);
    await page.getByLabel('Status').selectOption('warning');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(names(page)).toHaveText([`${f.prefix}-warn-1`]);
    await page.getByRole('combobox', { name: /^Label/ }).selectOption('');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(names(page)).toHaveText([`${f.prefix}-warn-1`, `${f.prefix}-warn-2`]);
    await page.getByRole('columnheader', { name: /^Host/ }).getByRole('link').click();
    await expect(page.getByRole('columnheader', { name: /^Host/ })).toHaveAttribute('aria-sort', 'descending');
    await expect(names(page)).toHaveText([`${f.prefix}-warn-2`, `${f.prefix}-warn-1`]);
    await expect(page).toHaveURL(/status=warning/);
    await expect(page).toHaveURL(new RegExp(`q=${f.prefix}`));

    // Worst first by default; a tile keeps the search and label.
    await page.goto(`/?q=${f.prefix}`);
    await expect(names(page)).toHaveText([...f.hosts].sort((x, y) => y.instances - x.instances).map((h) => h.name));
    await page.getByRole('link', { name: /^Critical/ }).click();
    await expect(page).toHaveURL(/status=critical/);
    await expect(names(page)).toHaveText([`${f.prefix}-crit-1`, `${f.prefix}-crit-2`]);
  });

  test('groups hosts under their labels with counts', async ({ page }) => {
    await page.goto(`/?q=${f.prefix}`);
    await page.getByLabel('Group by label').check();
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page).toHaveURL(/group=label/);
    const headings = page.getByTestId('group-heading');
    const count = (label: string) => f.hosts.filter((h) => h.labels.includes(label)).length;
    await expect(headings).toHaveText([
      `${f.a} ${count(f.a)} hosts · 1 critical · 1 warning`,
      `${f.b} ${count(f.b)} hosts · 1 critical · 1 warning`,
      'no label 1 host · 1 warning',
    ].map((t) => new RegExp(t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s*'))));
    // warn-1 carries both labels: a row under each.
    await expect(page.getByTestId('host-row').filter({ hasText: `${f.prefix}-warn-1` })).toHaveCount(2);
    await expect(page.getByRole('navigation', { name: 'Pages' })).toContainText(`of ${count(f.a) + count(f.b) + 1} rows`);
  });

  test('a host whose firing alert outranks its figures shows that severity, says why, and the tile counts it', async ({ page, request, baseURL }, info) => {
    const admin = cliToken(baseURL!, 'admin', `e2e-fleet-admin-${info.project.name}`);
    const label = `${f.prefix}-leak`;
    const rule = await request.post('/api/v1/rules', {
      headers: { authorization: `Bearer ${admin}` },
      data: { name: 'Leak soon', dimension: 'exhaustion', warning: 3600, critical: 900, forSeconds: 0, hysteresis: 0.05, label, enabled: true },
    });
    expect(rule.status(), await rule.text()).toBe(201);
    const { rule: { id } } = (await rule.json()) as { rule: { id: string } };
    try {
      // Ten minutes of one instance more every 15 s, to 105 of 128: warning by its figures (82 %),
      // full in about 6 minutes at that trend.
      const name = `${f.prefix}-leaking`;
      for (let i = 40; i >= 0; i--) await send(request, ingest, name, 105 - i, [label], { at: new Date(Date.now() - i * 15_000) });
      await page.goto(`/?q=${name}`);
      const row = page.getByTestId('host-row');
      await expect(async () => {
        await page.reload();
        await expect(row.locator('[data-status]')).toHaveAttribute('data-status', 'critical', { timeout: 1000 });
      }).toPass({ timeout: 30_000 });
      await expect(row.getByTestId('firing-alert-note')).toHaveText(/critical alert firing: Leak soon \(\d+ (s|min) left\)/);
      await expect(page.getByRole('link', { name: /^Critical/ })).toContainText('1');
      await expect(row.getByRole('meter', { name: 'inotify instances' })).toHaveAttribute('aria-valuenow', '105');
      await page.screenshot({ path: `e2e/.screens/${info.project.name}-fleet-firing.png` });

      await row.getByRole('link', { name }).click();
      await expect(page.getByRole('heading', { name })).toBeVisible();
      await expect(page.locator('[data-status]').first()).toHaveAttribute('data-status', 'critical');
      await expect(page.getByTestId('firing-alert-note')).toContainText('critical alert firing: Leak soon');
    } finally {
      await request.delete(`/api/v1/rules/${id}`, { headers: { authorization: `Bearer ${admin}` } });
    }
  });

  test('a silent host\'s figures are greyed and say since when; the last hour shows as a sparkline', async ({ page, request }) => {
    // Reporting every second: silent three seconds after its last report.
    const gone = `${f.prefix}-gone`;
    await send(request, ingest, gone, 70, [], { intervalSeconds: 1 });
    await page.goto(`/?q=${gone}`);
    const row = page.getByTestId('host-row');
    await expect(async () => {
      await page.reload();
      await expect(row).toHaveAttribute('data-stale', '', { timeout: 1000 });
    }).toPass({ timeout: 30_000 });
    await expect(row.locator('[data-status]')).toHaveAttribute('data-status', 'silent');
    await expect(row.locator('[data-stale]').first()).toHaveAttribute('title', /Silent: figures from its last report, \d{4}-\d\d-\d\d \d\d:\d\d UTC \(\d+ (s|min) ago\)/);

    // A host that reports: its minute (raw until the rollups reach it) draws in the sparkline.
    await page.goto(`/?q=${f.prefix}-crit-1`);
    await expect(page.getByTestId('sparkline')).toHaveAttribute('aria-label', /Worst limit over the last hour: 93 % → 93 %, peak 93 %/);
  });
});

test('the fleet page at 1400 and 390 px, light and dark', async ({ page, request, baseURL }, info) => {
  await ownHost(request, baseURL!, `e2e-fleet-shot-${info.project.name}`);
  for (const width of [1400, 390])
    for (const scheme of ['light', 'dark'] as const) {
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto('/');
      await expect(page.getByTestId('host-row').first()).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `e2e/.screens/${info.project.name}-fleet-${width}-${scheme}.png`, fullPage: true });
    }
});

test('every page links the favicon, and it is served', async ({ page, request }) => {
  for (const path of ['/', '/login']) {
    await page.goto(path);
    const href = await page.locator('link[rel="icon"]').getAttribute('href');
    expect(href, path).toMatch(/^\/icon\.svg/);
    const icon = await request.get(href!);
    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toContain('image/svg+xml');
  }
});
