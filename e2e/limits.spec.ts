// The limits page as an operator reads it: the fleet's values grouped, and a
// host that came near its limit with the files that raise it.
import { expect, test } from '@playwright/test';
import { cliToken, report } from './helpers';

test('the limits page groups the fleet\'s limits and says what to raise on a host that came near one', async ({ page, request, baseURL }, info) => {
  const name = `e2e-limits-${info.project.name}`;
  const token = cliToken(baseURL!, 'ingest', `e2e-own-${name}`);
  const r = report(name, 110);
  const res = await request.post('/api/v1/reports', {
    data: { ...r, daemons: [{ name: 'dockerd', pid: 812, euid: 0, fds: 700, fdLimit: 1024, version: '27.3.1' }] },
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status(), await res.text()).toBe(202);
  await page.goto('/limits');
  await expect(page.getByRole('heading', { name: 'Limits across the fleet' })).toBeVisible();
  const instances = page.getByTestId('limit-group').filter({ hasText: 'fs.inotify.max_user_instances' });
  await expect(instances.getByRole('row').filter({ hasText: name })).toContainText('128');
  await expect(instances).toContainText('the kernel default');
  const raise = page.getByTestId('host-raise').filter({ hasText: name });
  await expect(raise).toContainText('fs.inotify.max_user_instances: 128 → 512');
  await expect(raise.locator('pre').first()).toContainText('fs.inotify.max_user_instances = 512');
  await expect(raise).toContainText('/etc/systemd/system/docker.service.d/90-headroom.conf');
  await expect(raise).toContainText('LimitNOFILE=4096');
  await page.screenshot({ path: `e2e/.screens/${info.project.name}-limits.png`, fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.reload();
  await expect(raise).toBeVisible();
  await page.screenshot({ path: `e2e/.screens/${info.project.name}-limits-dark.png`, fullPage: true });
});
