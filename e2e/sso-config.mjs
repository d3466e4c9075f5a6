// Where the browser tests' OpenID provider listens, beside the two servers (playwright.config.ts).
const base = Number(process.env.HEADROOM_E2E_PORT_BASE ?? 3931);
export const E2E_PORTS = [base, base + 1];
export const E2E_OIDC_PORT = base + 10;
/** What e2e/serve.mjs gives each server: sign-in through that provider, admins from one group. */
export const oidcEnv = (port) => ({
  HEADROOM_PUBLIC_URL: `http://127.0.0.1:${port}`,
  HEADROOM_OIDC_ISSUER: `http://127.0.0.1:${E2E_OIDC_PORT}`, HEADROOM_OIDC_CLIENT_ID: 'headroom', HEADROOM_OIDC_CLIENT_SECRET: 'a-client-secret-for-tests-only',
  HEADROOM_OIDC_NAME: 'Test IdP', HEADROOM_OIDC_SCOPES: 'openid profile email groups', HEADROOM_OIDC_ADMIN_VALUES: 'headroom-admins',
});
