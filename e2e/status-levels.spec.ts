// An admin changes the fleet's status levels: nonsense is refused with a reason,
// a sensible change is saved and shown back.
import { expect, test } from '@playwright/test';

test('fleet status levels are saved from the settings page, and nonsense is refused', async ({ page }) => {
  await page.goto('/settings');
  const form = page.getByRole('form', { name: 'Fleet status levels' });
  try {
    await form.getByLabel('Warning at (% of a limit)').fill('95');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(form.getByRole('alert')).toHaveText('Critical at (%): must be above the warning level');

    await form.getByLabel('Warning at (% of a limit)').fill('85');
    await form.getByLabel('Silent after (missed intervals)').fill('4');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(form.getByRole('status')).toContainText('saved');
    await page.reload();
    await expect(form.getByLabel('Warning at (% of a limit)')).toHaveValue('85');
    await expect(form.getByLabel('Silent after (missed intervals)')).toHaveValue('4');
  } finally {
    // Back to the defaults, pass or fail: the levels are the whole server's, and other journeys read statuses by them.
    await page.goto('/settings');
    await form.getByLabel('Warning at (% of a limit)').fill('80');
    await form.getByLabel('Critical at (%)').fill('90');
    await form.getByLabel('Silent after (missed intervals)').fill('3');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(form.getByRole('status')).toContainText('saved');
  }
});
