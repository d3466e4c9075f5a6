// First run, as a new user meets it: no user yet, so the dashboard asks for the
// first admin. The signed-in state is saved for the journeys that follow.
import { expect, test as setup } from '@playwright/test';

export const ADMIN = { name: 'admin', password: 'correct horse battery staple' };
export const authFile = (baseURL: string) => `e2e/.state/auth-${new URL(baseURL).port}.json`;

setup('create the first admin', async ({ page, baseURL }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole('heading', { name: 'Create the first admin' })).toBeVisible();
  await page.getByLabel('Name').fill(ADMIN.name);
  await page.getByLabel('Password (12 characters or more)').fill(ADMIN.password);
  await page.getByLabel('Password again').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Create admin and sign in' }).click();
  await expect(page.getByTestId('signed-in')).toContainText('admin (admin)');
  await page.context().storageState({ path: authFile(baseURL!) });
});
