// A real OpenID provider (the oidc-provider package) for the sign-in tests:
// its own login and consent pages (any password), accounts with groups, PKCE
// required, and a record of the authorization requests it was sent.
import http from 'node:http';
import Provider from 'oidc-provider';

export interface TestAccount { groups: string[]; email?: string }
export interface RunningProvider { issuer: string; authorizations: URLSearchParams[]; close(): Promise<void> }

export const TEST_CLIENT = { id: 'headroom', secret: 'a-client-secret-for-tests-only' };

export async function startOidcProvider(port: number, redirectUris: string[], accounts: Record<string, TestAccount>): Promise<RunningProvider> {
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [{ client_id: TEST_CLIENT.id, client_secret: TEST_CLIENT.secret, redirect_uris: redirectUris, response_types: ['code'], grant_types: ['authorization_code'] }],
    claims: { openid: ['sub'], profile: ['preferred_username', 'name'], email: ['email'], groups: ['groups'] },
    scopes: ['openid', 'profile', 'email', 'groups'],
    pkce: { required: () => true },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
    cookies: { keys: ['test-cookie-key-one', 'test-cookie-key-two'] },
    findAccount: (_ctx, sub) => (accounts[sub] ? {
      accountId: sub,
      claims: () => ({ sub, preferred_username: sub, name: sub, email: accounts[sub]!.email ?? `${sub}@example.test`, groups: accounts[sub]!.groups }),
    } : undefined),
  });
  const authorizations: URLSearchParams[] = [];
  provider.use(async (ctx, next) => {
    if (ctx.path === '/auth') authorizations.push(new URLSearchParams(ctx.querystring));
    await next();
  });
  const server = http.createServer(provider.callback());
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
  return {
    issuer, authorizations,
    close: () => { server.closeAllConnections(); return new Promise((r) => server.close(() => r())); },
  };
}

/**
 * A person at the provider's own pages, without a browser: follows its
 * redirects with its cookies, signs in as `login` and consents, and returns
 * the address the provider sends them back to (the client's redirect URI).
 */
export async function signInAtProvider(authorizationUrl: URL, login: string): Promise<URL> {
  const jar = new Map<string, string>();
  const keep = (r: Response) => { for (const c of r.headers.getSetCookie()) { const [pair] = c.split(';'); const i = pair!.indexOf('='); jar.set(pair!.slice(0, i), pair!.slice(i + 1)); } };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  let url = authorizationUrl;
  let body: URLSearchParams | null = null;
  for (let hop = 0; hop < 20; hop++) {
    const r: Response = await fetch(url, { redirect: 'manual', method: body ? 'POST' : 'GET', headers: { cookie: cookie(), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) }, body });
    keep(r);
    body = null;
    const location = r.headers.get('location');
    if (location) {
      const next = new URL(location, url);
      if (next.origin !== authorizationUrl.origin) return next;
      url = next;
      continue;
    }
    const html: string = await r.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`the provider answered ${r.status} without a form or a redirect: ${html.slice(0, 300)}`);
    url = new URL(action.replace(/&amp;/g, '&'), url);
    body = html.includes('name="login"') ? new URLSearchParams({ prompt: 'login', login, password: 'any' }) : new URLSearchParams({ prompt: 'consent' });
  }
  throw new Error('the provider kept redirecting');
}
