// Settings forms in the units and words they show: a rule's Warning % takes 80
// and keeps 0.8, and every refusal names its field as the form labels it.
import { expect, test, type Page } from '@playwright/test';
import { cliToken, ownHost } from './helpers';
import { pastTheEdge } from './sideways';

test('a rule\'s Warning % takes a percentage, saves the fraction and shows the percentage again', async ({ page, request, baseURL }, info) => {
  const name = `e2e percent ${info.project.name}`;
  const read = cliToken(baseURL!, 'read', `e2e-percent-${info.project.name}`);
  const rules = async () => ((await (await request.get('/api/v1/rules', { headers: { authorization: `Bearer ${read}` } })).json()) as { rules: { name: string; warning: number; critical: number }[] }).rules;

  await page.goto('/settings');
  const form = page.getByRole('form', { name: 'New rule' });
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Watches').selectOption('processFds');
  await form.getByLabel('Warning %').fill('75');
  await form.getByLabel('Critical %').fill('85');
  await form.getByRole('button', { name: 'Add rule' }).click();
  await expect(form.getByRole('status')).toHaveText('saved');
  expect((await rules()).find((r) => r.name === name)).toMatchObject({ warning: 0.75, critical: 0.85 });

  await page.reload();
  const saved = page.getByRole('form', { name: `Rule ${name}` });
  await expect(saved.getByLabel('Warning %')).toHaveValue('75');
  await expect(saved.getByLabel('Critical %')).toHaveValue('85');

  // A fraction typed where a percentage goes is refused by name, and nothing changes.
  await saved.getByLabel('Warning %').fill('0.8');
  await saved.getByRole('button', { name: 'Save' }).click();
  await expect(saved.getByRole('alert')).toHaveText('Warning %: must be between 1 and 100');
  expect((await rules()).find((r) => r.name === name)).toMatchObject({ warning: 0.75 });

  // The unit follows the dimension: time to exhaustion takes seconds left.
  await form.getByLabel('Watches').selectOption('exhaustion');
  await expect(form.getByLabel('Warning (s left)')).toBeVisible();
});

/** Submits `form` and expects its refusal to say `message`. */
async function refused(page: Page, form: string, message: string | RegExp, fill: (f: ReturnType<Page['getByRole']>) => Promise<void>, submit: string) {
  const f = page.getByRole('form', { name: form });
  await fill(f);
  await f.getByRole('button', { name: submit }).click();
  await expect(f.getByRole('alert')).toHaveText(message);
}

test('every settings and alert form names the field it refuses, in plain words', async ({ page, request, baseURL }, info) => {
  // The silence form needs a host to pick; this test brings its own.
  await ownHost(request, baseURL!, `e2e-forms-${info.project.name}`);
  await page.goto('/settings');
  await refused(page, 'New rule', 'Name: required; Hysteresis points: must be at most 50', async (f) => {
    await f.getByLabel('Name').fill(' ');
    await f.getByLabel('Hysteresis points').fill('80');
  }, 'Add rule');
  await refused(page, 'Fleet status levels', 'Critical at (%): must be above the warning level', async (f) => {
    await f.getByLabel('Warning at (% of a limit)').fill('90');
    await f.getByLabel('Critical at (%)').fill('80');
  }, 'Save');

  await page.goto('/settings/data');
  await refused(page, 'Retention', /^Keep per-minute rollups \(days\): keep minute rollups at least as long as reports/, async (f) => {
    await f.getByLabel('Keep every report (days)').fill('10');
    await f.getByLabel('Keep per-minute rollups (days)').fill('5');
  }, 'Save');

  await page.goto('/settings/tokens');
  await refused(page, 'New token', 'Most hosts: only ingest tokens enrol hosts', async (f) => {
    await f.getByLabel('Name').fill(`e2e read ${info.project.name}`);
    await f.getByLabel('Scope').selectOption('read');
    await f.getByLabel(/^Most hosts \(blank/).fill('5');
  }, 'Create token');

  await page.goto('/settings/users');
  await refused(page, 'New user', 'Name: must be 2 to 64 characters', async (f) => {
    await f.getByLabel('Name').fill('a');
    await f.getByLabel('Password (12+)').fill('a long enough password');
  }, 'Add user');

  await page.goto('/settings/channels');
  await page.getByText('JSON webhook').click();
  await refused(page, 'New webhook channel', 'Signing secret: must be at least 16 characters', async (f) => {
    await f.getByLabel('Name').fill('e2e short secret');
    await f.getByLabel('URL').fill('http://127.0.0.1:9/hook');
    await f.getByLabel('Signing secret (optional, 16+ chars)').fill('short');
  }, 'Add');

  await page.goto('/alerts');
  const silence = page.locator('form').filter({ has: page.getByRole('button', { name: 'Add silence' }) });
  await silence.getByLabel('Reason').fill('   ');
  await silence.getByRole('button', { name: 'Add silence' }).click();
  await expect(silence.getByRole('alert')).toHaveText('Reason: required');
});

test('settings pages fit a phone, light and dark', async ({ page }, info) => {
  for (const path of ['/settings', '/settings/channels', '/settings/tokens', '/settings/users', '/settings/data', '/alerts']) {
    await page.setViewportSize({ width: 390, height: 800 });
    await page.goto(path);
    // Closed sections (a new channel's form) take no room until opened.
    for (const summary of await page.locator('details > summary').all()) await summary.click();
    expect(await pastTheEdge(page), path).toEqual([]);
  }
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [1400, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto('/settings');
      await page.screenshot({ path: `e2e/.screens/${info.project.name}-settings-${width}-${scheme}.png`, fullPage: true });
    }
  }
});
