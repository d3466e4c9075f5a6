// Every page, light and dark, through axe-core: no serious or critical violations.
// The pages are read with content of this spec's own: a host with a firing
// alert (its own rule), a channel and tokens.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { cliToken, ownHost } from './helpers';

const pages = ['/', '/alerts', '/alerts?view=resolved', '/settings', '/settings/channels', '/settings/tokens', '/settings/users', '/settings/data', '/hosts/00000000-0000-4000-8000-000000000000'];

test.describe('every page', () => {
  let hostPage = '';
  let made: { admin: string; rule: string; channel: string } | undefined;

  test.beforeAll(async ({ request, baseURL }, info) => {
    const label = `e2e-axe-${info.project.name}`;
    const admin = cliToken(baseURL!, 'admin', `e2e-axe-admin-${info.project.name}`);
    const headers = { authorization: `Bearer ${admin}` };
    const rule = await request.post('/api/v1/rules', { headers, data: { name: `axe ${label}`, dimension: 'inotifyInstances', warning: 0.5, critical: 0.9, forSeconds: 0, hysteresis: 0.05, label, enabled: true } });
    expect(rule.status(), await rule.text()).toBe(201);
    // Disabled: listed on the channels page, never sent to.
    const channel = await request.post('/api/v1/channels', { headers, data: { kind: 'webhook', name: `axe ${label}`, enabled: false, config: { url: 'http://127.0.0.1:9/hook' } } });
    expect(channel.status(), await channel.text()).toBe(201);
    made = { admin, rule: ((await rule.json()) as { rule: { id: string } }).rule.id, channel: ((await channel.json()) as { channel: { id: string } }).channel.id };
    const host = await ownHost(request, baseURL!, label, { instances: 124, minutes: 2, labels: [label] });
    hostPage = `/hosts/${host.id}`;
    await expect.poll(async () => {
      const res = await request.get(`/api/v1/alerts?host=${host.name}`, { headers });
      return ((await res.json()) as { alerts: { state: string }[] }).alerts.filter((a) => a.state === 'firing').length;
    }, { timeout: 20_000 }).toBeGreaterThan(0);
  });

  test.afterAll(async ({ request }) => {
    if (!made) return;
    const headers = { authorization: `Bearer ${made.admin}` };
    await request.delete(`/api/v1/rules/${made.rule}`, { headers });
    await request.delete(`/api/v1/channels/${made.channel}`, { headers });
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`no serious accessibility violations (${scheme})`, async ({ page }, info) => {
      // Ten pages through axe take 40-45 s: the default 60 s left no room on a busy machine.
      test.setTimeout(150_000);
      await page.emulateMedia({ colorScheme: scheme });
      for (const path of [...pages, hostPage]) {
        await page.goto(path);
        await page.waitForLoadState('networkidle');
        const result = await new AxeBuilder({ page }).analyze();
        const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${path}: ${v.id} (${v.impact}) ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
        expect(bad, bad.join('\n')).toEqual([]);
      }
      if (info.project.name === 'embedded') await page.screenshot({ path: `e2e/.screens/dark-check-${scheme}.png`, fullPage: true });
    });
  }
});

test('the theme can be switched and stays switched', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  await expect(page.locator('html')).not.toHaveClass(/dark/);
  await page.getByRole('button', { name: 'Theme: auto' }).click(); // → light
  await page.getByRole('button', { name: 'Theme: light' }).click(); // → dark
  await expect(page.locator('html')).toHaveClass(/dark/);
  await page.reload();
  await expect(page.locator('html')).toHaveClass(/dark/);
});
