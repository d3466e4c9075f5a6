// Sign-in through a real OpenID provider started here (oidc-provider), the
// whole round trip through openid-client: PKCE, state and nonce, the code
// traded for tokens, the claims mapped to an account and its role.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../../server/env';
import { AppError } from '../../server/errors';
import { dbKinds, openTestDatabase, type TestDatabase } from '../../testing/databases';
import { freePort } from '../../testing/ports';
import { signInAtProvider, startOidcProvider, TEST_CLIENT, type RunningProvider } from '../../testing/oidc';
import { login } from '../login';
import { createUser } from '../users';
import { isFirstAdmin, ssoAccount } from './account';
import { roleFromClaims } from './claims';
import { beginSignIn, finishSignIn, oidcSettings, type OidcSettings } from './flow';

const PUBLIC = 'http://headroom.test';

let provider: RunningProvider;
let settings: OidcSettings;
beforeAll(async () => {
  provider = await startOidcProvider(await freePort(), [`${PUBLIC}/auth/oidc/callback`], {
    alice: { groups: ['ops', 'headroom-admins'] }, bob: { groups: ['dev'] }, carol: { groups: ['sales'] }, admin: { groups: ['dev'] },
  });
  settings = oidcSettings(parseEnv({
    HEADROOM_OIDC_ISSUER: provider.issuer, HEADROOM_OIDC_CLIENT_ID: TEST_CLIENT.id, HEADROOM_OIDC_CLIENT_SECRET: TEST_CLIENT.secret,
    HEADROOM_OIDC_SCOPES: 'openid profile email groups', HEADROOM_OIDC_ADMIN_VALUES: 'headroom-admins', HEADROOM_OIDC_EDITOR_VALUES: 'dev', HEADROOM_OIDC_VIEWER_VALUES: 'ops',
  }))!;
});
afterAll(() => provider?.close());

/** The round trip as a person makes it: the way out, the provider's pages, the way back. */
async function roundTrip(login: string, s = settings) {
  const { url, cookie } = await beginSignIn(s, PUBLIC, '/hosts?x=1');
  const back = await signInAtProvider(url, login);
  return { url, ...(await finishSignIn(s, back, cookie)) };
}

describe('the round trip', () => {
  it('asks with PKCE (S256), state and nonce, and comes back with the account\'s claims from the ID token and userinfo', async () => {
    const r = await roundTrip('alice');
    const asked = provider.authorizations.at(-1)!;
    expect(asked.get('code_challenge_method')).toBe('S256');
    expect(asked.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(asked.get('state')).toBeTruthy();
    expect(asked.get('nonce')).toBeTruthy();
    expect(asked.get('redirect_uri')).toBe(`${PUBLIC}/auth/oidc/callback`);
    expect(r.subject).toBe(`${provider.issuer} alice`);
    expect(r.claims).toMatchObject({ sub: 'alice', preferred_username: 'alice', groups: ['ops', 'headroom-admins'] });
    expect(r.next).toBe('/hosts?x=1');
    expect(roleFromClaims(r.claims, settings.mapping)).toBe('admin');
  });

  it('refuses a way back without its cookie, with another sign-in\'s cookie, or that the provider refused', async () => {
    const { url } = await beginSignIn(settings, PUBLIC, '/');
    const back = await signInAtProvider(url, 'bob');
    await expect(finishSignIn(settings, back, undefined)).rejects.toThrow(/another browser/);
    const other = await beginSignIn(settings, PUBLIC, '/');
    await expect(finishSignIn(settings, back, other.cookie)).rejects.toThrow(AppError);
    const denied = new URL(`${PUBLIC}/auth/oidc/callback?error=access_denied&error_description=the%20user%20said%20no`);
    await expect(finishSignIn(settings, denied, other.cookie)).rejects.toThrow(/did not sign you in: the user said no/);
  });

  it('says so when the provider cannot be reached', async () => {
    const gone = { ...settings, issuer: new URL(`http://127.0.0.1:${await freePort()}`) };
    await expect(beginSignIn(gone, PUBLIC, '/')).rejects.toThrow(/could not be reached/);
  });

  it('maps groups to roles: the highest listed, else none when viewer values are listed', async () => {
    expect(roleFromClaims((await roundTrip('bob')).claims, settings.mapping)).toBe('editor');
    expect(roleFromClaims((await roundTrip('carol')).claims, settings.mapping)).toBeNull();
  });
});

describe.each(dbKinds)('accounts on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
    await createUser(t.db, { name: 'admin', role: 'admin', password: 'the first admin password' });
  });
  afterAll(() => t?.close());

  it('makes an account on the first sign-in, finds it by its subject after, and sets its role from the claims each time', async () => {
    const r = await roundTrip('alice');
    const a = await ssoAccount(t.db, r.subject, r.claims, 'admin');
    expect(a).toMatchObject({ name: 'alice', role: 'admin', passwordHash: null });
    const again = await ssoAccount(t.db, r.subject, { ...r.claims, preferred_username: 'renamed' }, 'viewer');
    expect(again).toMatchObject({ id: a.id, name: 'alice', role: 'viewer' });
  });

  it('never takes over a local account of the same name: the newcomer gets a name beside it', async () => {
    const r = await roundTrip('admin');
    const a = await ssoAccount(t.db, r.subject, r.claims, 'editor');
    expect(a.name).toMatch(/^admin-[0-9a-f]{8}$/);
    const local = await t.db.user.findFirstOrThrow({ where: { name: 'admin' } });
    expect(local).toMatchObject({ role: 'admin', oidcSubject: null });
    expect(await isFirstAdmin(t.db, local.id)).toBe(true);
    expect(await isFirstAdmin(t.db, a.id)).toBe(false);
  });

  it('in "only SSO" mode keeps passwords for the first admin alone', async () => {
    const only = { name: 'Keycloak', only: true };
    const meta = { address: '192.0.2.7', userAgent: null };
    await createUser(t.db, { name: 'second-admin', role: 'admin', password: 'another admin password' });
    await expect(login(t.db, 'second-admin', 'another admin password', meta, new Date(), only)).rejects.toThrow('sign in with Keycloak: passwords here are only for the first admin');
    await expect(login(t.db, 'admin', 'not the password at all', meta, new Date(), only)).rejects.toThrow('wrong name or password');
    const ok = await login(t.db, 'admin', 'the first admin password', meta, new Date(), only);
    expect(ok.user.name).toBe('admin');
    expect((await login(t.db, 'second-admin', 'another admin password', meta, new Date(), { ...only, only: false })).user.name).toBe('second-admin');
  });

  it('refuses a disabled account', async () => {
    const r = await roundTrip('bob');
    const b = await ssoAccount(t.db, r.subject, r.claims, 'editor');
    await t.db.user.update({ where: { id: b.id }, data: { disabledAt: new Date() } });
    await expect(ssoAccount(t.db, r.subject, r.claims, 'editor')).rejects.toThrow(/disabled/);
  });
});
