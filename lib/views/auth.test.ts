// Sign-in and first-run setup: each sends people to the other until the first user exists.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../access';
import { setDbForTests } from '../server/db/client';
import { openTestDatabase, type TestDatabase } from '../testing/databases';
import { loginPage, setupPage } from './auth';

describe('the sign-in and setup page views', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase('pglite');
    setDbForTests(t.db);
  });
  afterAll(async () => {
    setDbForTests(undefined);
    await t.close();
  });

  it('sends sign-in to setup until a user exists, then setup to sign-in', async () => {
    expect(await loginPage({ next: '/alerts' })).toEqual({ redirect: '/setup', next: '/alerts' });
    expect(await setupPage()).toEqual({ redirect: null });
    await createUser(t.db, { name: 'ada', role: 'admin', password: 'a long enough password' });
    expect(await setupPage()).toEqual({ redirect: '/login' });
  });

  it('keeps only a path on this site as where to go after signing in', async () => {
    await t.db.user.deleteMany();
    expect((await loginPage({ next: '//evil.example' })).next).toBe('/');
    expect((await loginPage({ next: ['/a', '/b'] })).next).toBe('/');
  });
});
