// Single sign-on in the browser against a real OpenID provider started here
// (oidc-provider, its own login and consent pages): the server under test is
// configured for it by e2e/serve.mjs.
import { expect, test } from '@playwright/test';
import { startOidcProvider, type RunningProvider } from '../lib/testing/oidc';
import { E2E_OIDC_PORT, E2E_PORTS } from './sso-config.mjs';

test.use({ storageState: { cookies: [], origins: [] } });

let provider: RunningProvider;
test.beforeAll(async () => {
  provider = await startOidcProvider(E2E_OIDC_PORT, E2E_PORTS.map((p) => `http://127.0.0.1:${p}/auth/oidc/callback`), {
    'sso-admin': { groups: ['headroom-admins'] }, 'sso-viewer': { groups: ['staff'] },
  });
});
test.afterAll(() => provider?.close());

async function signInAtProvider(page: import('@playwright/test').Page, login: string) {
  await page.getByPlaceholder('Enter any login').fill(login);
  await page.getByPlaceholder('and password').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
}

test('an admin of the provider\'s admin group signs in with it and lands where they were going', async ({ page }, info) => {
  await page.goto('/login?next=%2Falerts');
  await page.screenshot({ path: `e2e/.screens/${info.project.name}-login-sso.png`, fullPage: true });
  await page.getByRole('link', { name: 'Sign in with Test IdP' }).click();
  await expect(page).toHaveURL(new RegExp(`^http://127.0.0.1:${E2E_OIDC_PORT}/`));
  await signInAtProvider(page, 'sso-admin');
  await expect(page).toHaveURL(/\/alerts$/);
  await expect(page.getByTestId('signed-in')).toContainText('sso-admin (admin)');
  const asked = provider.authorizations.at(-1)!;
  expect(asked.get('code_challenge_method')).toBe('S256');

  // The account is listed among the users as the provider's, its making audited.
  await page.goto('/settings/users');
  await expect(page.getByRole('row').filter({ hasText: 'sso-admin' })).toContainText('via Test IdP');
  await expect(page.getByText('You sign in with Test IdP: there is no password here to change')).toBeVisible();
  await expect(page.getByText('system:sso').first()).toBeVisible();
  await page.screenshot({ path: `e2e/.screens/${info.project.name}-users-sso.png`, fullPage: true });
});

test('anyone else the provider signs in is a viewer', async ({ page }) => {
  await page.goto('/login');
  await page.getByRole('link', { name: 'Sign in with Test IdP' }).click();
  await signInAtProvider(page, 'sso-viewer');
  await expect(page.getByTestId('signed-in')).toContainText('sso-viewer (viewer)');
});

test('a sign-in cancelled at the provider comes back to the sign-in page saying so', async ({ page }, info) => {
  await page.goto('/login');
  await page.getByRole('link', { name: 'Sign in with Test IdP' }).click();
  await page.getByRole('link', { name: '[ Cancel ]' }).click();
  await expect(page).toHaveURL(/\/login\?sso_error=/);
  await expect(page.locator('p[role=alert]')).toHaveText('Test IdP did not sign you in: End-User aborted interaction');
  await page.screenshot({ path: `e2e/.screens/${info.project.name}-login-sso-refused.png`, fullPage: true });
});
