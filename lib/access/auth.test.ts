import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliActor, runCommand } from '../commands';
import { pruneOnce } from '../history';
import { env } from '../server/env';
import { openTestDatabase, type TestDatabase } from '../testing/databases';
import { disableUser, createUser, setUserRole } from './users';
import { safeNext } from './cookie';
import { login } from './login';
import { FREE_FAILURES } from './throttle';
import { endAllSessions, readSession } from './sessions';

const meta = (address = '10.0.0.1') => ({ address, userAgent: 'test' });

describe('accounts and sessions', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase('postgres');
    // Through the command, as the CLI adds them: audited.
    await runCommand('user.create', cliActor, { name: 'alice', role: 'admin', password: 'alice password 1' }, { db: t.db });
    await runCommand('user.create', cliActor, { name: 'bob', role: 'viewer', password: 'bob password 123' }, { db: t.db });
  });
  afterAll(async () => { await t.close(); });

  it('stores only an argon2id hash and signs in with the right password', async () => {
    const row = await t.db.user.findUniqueOrThrow({ where: { name: 'alice' } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    const { session } = await login(t.db, 'Alice', 'alice password 1', meta());
    expect(await readSession(t.db, session.secret)).toMatchObject({ name: 'alice', role: 'admin' });
    expect(await readSession(t.db, 'forged')).toBeNull();
    // The database holds a hash of the cookie, not the cookie.
    expect(await t.db.session.count({ where: { id: session.secret } })).toBe(0);
  });

  it('refuses weak passwords and taken names', async () => {
    await expect(createUser(t.db, { name: 'carol', role: 'viewer', password: 'short' })).rejects.toThrow('password: must be at least 12 characters');
    await expect(createUser(t.db, { name: 'ALICE', role: 'viewer', password: 'long enough pass' })).rejects.toThrow(/exists/);
  });

  it('slows failed sign-ins on an account from unknown browsers, whatever the address, and says nothing about which part was wrong', async () => {
    for (let i = 0; i < FREE_FAILURES.account; i++) {
      await expect(login(t.db, 'bob', 'wrong', meta(`10.0.1.${i}`))).rejects.toThrow('wrong name or password');
    }
    await expect(login(t.db, 'bob', 'bob password 123', meta('10.0.2.1'))).rejects.toMatchObject({ code: 'too_many_requests', retryAfterSeconds: 1 });
    await expect(login(t.db, 'nobody', 'x', meta('10.0.3.1'))).rejects.toThrow('wrong name or password');
  });

  it('slows one address across accounts', async () => {
    for (let i = 0; i < FREE_FAILURES.address; i++) await login(t.db, `ghost${i}`, 'x', meta('10.9.9.9')).catch(() => {});
    await expect(login(t.db, 'alice', 'alice password 1', meta('10.9.9.9'))).rejects.toMatchObject({ code: 'too_many_requests' });
    await expect(login(t.db, 'alice', 'alice password 1', meta('10.9.9.10'))).resolves.toBeDefined();
  });

  it('signs out everywhere, and a disabled user\'s sessions end', async () => {
    const alice = await t.db.user.findUniqueOrThrow({ where: { name: 'alice' } });
    const a = await login(t.db, 'alice', 'alice password 1', meta('10.5.0.1'));
    const b = await login(t.db, 'alice', 'alice password 1', meta('10.5.0.2'));
    await endAllSessions(t.db, alice.id);
    expect(await readSession(t.db, a.session.secret)).toBeNull();
    expect(await readSession(t.db, b.session.secret)).toBeNull();
    await expect(setUserRole(t.db, alice.id, 'viewer')).rejects.toThrow('the last admin cannot be demoted');
    await expect(disableUser(t.db, alice.id)).rejects.toThrow('the last admin cannot be disabled');
    const audit = await t.db.auditEvent.findMany({ where: { action: 'user.create' } });
    expect(audit.map((e) => `${e.actor} ${e.target}`).sort()).toEqual(['system:cli user:alice', 'system:cli user:bob']);
  });

  it('ends a session left unused past the idle time, and any session past its lifetime', async () => {
    const { idle, lifetime } = { idle: env().HEADROOM_SESSION_IDLE * 1000, lifetime: env().HEADROOM_SESSION_LIFETIME * 1000 };
    expect([idle, lifetime]).toEqual([12 * 3600_000, 7 * 86400_000]);
    const t0 = new Date();
    const after = (ms: number) => new Date(t0.getTime() + ms);
    const unused = await login(t.db, 'alice', 'alice password 1', meta('10.6.0.1'), t0);
    expect(await readSession(t.db, unused.session.secret, after(idle + 1000))).toBeNull();
    // Used every few hours, a session lives on past the idle time, but not past its lifetime.
    const used = await login(t.db, 'alice', 'alice password 1', meta('10.6.0.1'), t0);
    for (let ms = 0; ms < lifetime; ms += idle / 2) expect(await readSession(t.db, used.session.secret, after(ms)), `after ${ms} ms`).not.toBeNull();
    expect(await readSession(t.db, used.session.secret, after(lifetime))).toBeNull();
    expect(unused.session.expiresAt).toEqual(after(lifetime));
    // The daily prune deletes the unused one once idle, then the other once past its lifetime.
    const count = () => t.db.session.count({ where: { address: '10.6.0.1' } });
    await pruneOnce(t.db, after(idle + 1000));
    expect(await count()).toBe(1);
    await pruneOnce(t.db, after(lifetime));
    expect(await count()).toBe(0);
  });

  it('records a session\'s use at most once a minute', async () => {
    const t0 = new Date();
    const { session } = await login(t.db, 'alice', 'alice password 1', meta('10.6.0.2'), t0);
    const seen = async () => (await t.db.session.findFirstOrThrow({ where: { address: '10.6.0.2' } })).lastSeenAt.getTime();
    await readSession(t.db, session.secret, new Date(t0.getTime() + 30_000));
    expect(await seen()).toBe(t0.getTime());
    await readSession(t.db, session.secret, new Date(t0.getTime() + 61_000));
    expect(await seen()).toBe(t0.getTime() + 61_000);
  });

  it('redirects after sign-in only to paths on this site', () => {
    expect(safeNext('/alerts?view=firing')).toBe('/alerts?view=firing');
    for (const bad of ['//evil.example', 'https://evil.example', '/\\evil.example', 'javascript:alert(1)', '', undefined]) expect(safeNext(bad), String(bad)).toBe('/');
  });
  it('lets a burst of parallel guesses through no faster than the limit allows', async () => {
    await createUser(t.db, { name: 'dave', role: 'viewer', password: 'dave password 12' });
    const answers = await Promise.allSettled(Array.from({ length: 40 }, (_, i) => login(t.db, 'dave', `guess ${i}`, meta(`10.7.0.${i}`))));
    const guessed = answers.filter((a) => a.status === 'rejected' && (a.reason as { code?: string }).code === 'unauthorized').length;
    // Every pair of attempts sees at least one of the two in its count, so at
    // most 2 × limit − 1 reach the password check; without counting attempts in
    // flight, every one that read the count before the first failure was written did.
    expect(guessed).toBeLessThanOrEqual(2 * FREE_FAILURES.account - 1);
    expect(answers.filter((a) => a.status === 'fulfilled')).toHaveLength(0);
  });
});
