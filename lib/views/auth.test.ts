// Sign-in and first-run setup: each sends people to the other until the first user exists.
import { describe, expect, it } from 'vitest';
import { createUser } from '../access';
import type { TestDatabase } from '../testing/databases';
import { useRouteDatabase } from '../testing/route-database';
import { loginPage, setupPage } from './auth';

describe('the sign-in and setup page views', () => {
  let t: TestDatabase;
  useRouteDatabase('pglite', async (db) => { t = db; });

  it('sends sign-in to setup until a user exists, then setup to sign-in', async () => {
    expect(await loginPage({ next: '/alerts' })).toMatchObject({ redirect: '/setup', next: '/alerts' });
    expect(await setupPage()).toEqual({ redirect: null });
    await createUser(t.db, { name: 'ada', role: 'admin', password: 'a long enough password' });
    expect(await setupPage()).toEqual({ redirect: '/login' });
  });

  it('offers no provider unless one is configured, and passes on what went wrong at it, cut short', async () => {
    await t.db.user.deleteMany();
    // The tests' environment has no HEADROOM_OIDC_ISSUER: local accounts only.
    const view = await loginPage({ sso_error: `x${'y'.repeat(500)}` });
    expect(view.sso).toBeNull();
    expect(view.ssoError).toHaveLength(300);
  });

  it('keeps only a path on this site as where to go after signing in', async () => {
    await t.db.user.deleteMany();
    expect((await loginPage({ next: '//evil.example' })).next).toBe('/');
    expect((await loginPage({ next: ['/a', '/b'] })).next).toBe('/');
  });
});
