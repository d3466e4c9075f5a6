// Drilling into one host after the fact: pick a moment on a chart, zoom, export.
import { expect, test } from '@playwright/test';
import { ownHost } from './helpers';

test('a click on a chart shows the processes at that moment; a drag zooms; the range exports as CSV', async ({ page, request, baseURL }, info) => {
  // Fifteen minutes of history, so the whole 15m chart has reports under the pointer.
  const host = await ownHost(request, baseURL!, `e2e-history-${info.project.name}`, { minutes: 15 });
  await page.goto(`/?q=${host.name}`);
  await page.getByTestId('host-row').getByRole('link', { name: host.name }).click();
  await expect(page.getByRole('heading', { name: host.name })).toBeVisible();
  await page.getByRole('link', { name: '15m', exact: true }).click();
  const chart = page.getByTestId('chart').first();
  await expect(chart.locator('.recharts-area')).toHaveCount(1);
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
