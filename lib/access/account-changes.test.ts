// Password changes, an admin's reset and re-enabling, through their commands:
// who stays signed in, which password works after, and what the audit row says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliActor, runCommand, userActor } from '../commands';
import { dbKinds, openTestDatabase, type TestDatabase } from '../testing/databases';
import { login } from './login';
import { checkAndHash } from './passwords-change';
import { readSession } from './sessions';
import { createUser, disableUser } from './users';

const at = (address: string, device?: string) => ({ address, userAgent: 'test', device });

describe.each(dbKinds)('account changes on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => { t = await openTestDatabase(kind); });
  afterAll(async () => { await t.close(); });
  const auditOf = async (action: string) => t.db.auditEvent.findFirstOrThrow({ where: { action }, orderBy: { at: 'desc' } });

  it('changes one\'s own password only with the current one, ending one\'s other sessions', async () => {
    await createUser(t.db, { name: 'hana', role: 'viewer', password: 'hana password 12' });
    const here = await login(t.db, 'hana', 'hana password 12', at('10.3.0.1'));
    const there = await login(t.db, 'hana', 'hana password 12', at('10.3.0.2'));
    const me = (await readSession(t.db, here.session.secret))!;
    const change = (current: string) => runCommand('user.password', userActor(me), { current, password: 'hana password 34' }, { db: t.db });
    await expect(change('not my password')).rejects.toThrow('the current password is wrong');
    expect(await readSession(t.db, there.session.secret)).not.toBeNull();
    await expect(change('hana password 12')).resolves.toMatchObject({ sessions: 1 });
    expect(await readSession(t.db, here.session.secret)).not.toBeNull();
    expect(await readSession(t.db, there.session.secret)).toBeNull();
    await expect(login(t.db, 'hana', 'hana password 12', at('10.3.0.3'))).rejects.toThrow('wrong name or password');
    await expect(login(t.db, 'hana', 'hana password 34', at('10.3.0.3'))).resolves.toBeDefined();
    const row = await auditOf('user.password');
    expect([row.actor, row.target]).toEqual(['user:hana', 'user:hana']);
    expect(JSON.stringify(row)).not.toMatch(/password (12|34)/);
  });

  it('slows down guesses of the current password from one session, and forgets them once it is right', async () => {
    await createUser(t.db, { name: 'ivo', role: 'viewer', password: 'ivo password 12' });
    const me = (await readSession(t.db, (await login(t.db, 'ivo', 'ivo password 12', at('10.4.0.1'))).session.secret))!;
    const now = Date.now();
    const guess = (current: string, ms: number) => checkAndHash(t.db, me, current, 'ivo password 34', new Date(now + ms));
    for (let i = 0; i < 5; i++) await expect(guess(`guess ${i}`, i)).rejects.toThrow('the current password is wrong');
    // The sixth waits a second after the fifth, even with the right password, and the refusal is not a guess.
    await expect(guess('ivo password 12', 500)).rejects.toMatchObject({ code: 'too_many_requests', message: 'too many wrong passwords: try again in 1 s' });
    await expect(guess('guess 5', 1100)).rejects.toThrow('the current password is wrong');
    await expect(guess('ivo password 12', 1200)).rejects.toThrow('try again in 2 s');
    await expect(guess('ivo password 12', 3200)).resolves.toMatch(/^\$argon2id\$/);
    expect(await t.db.loginFailure.count({ where: { account: 'ivo' } })).toBe(0);
  });

  it('lets an admin set another user\'s password, ending all their sessions and forgetting their browsers', async () => {
    await createUser(t.db, { name: 'ivan', role: 'viewer', password: 'ivan password 12' });
    const { session, device } = await login(t.db, 'ivan', 'ivan password 12', at('10.4.0.1'));
    await expect(runCommand('user.resetPassword', cliActor, { user: 'Ivan', password: 'ivan password 34' }, { db: t.db })).resolves.toMatchObject({ sessions: 1 });
    expect(await readSession(t.db, session.secret)).toBeNull();
    expect(await t.db.knownDevice.count({ where: { user: { name: 'ivan' } } })).toBe(0);
    await expect(login(t.db, 'ivan', 'ivan password 12', at('10.4.0.1', device))).rejects.toThrow('wrong name or password');
    await expect(login(t.db, 'ivan', 'ivan password 34', at('10.4.0.1', device))).resolves.toBeDefined();
    const row = await auditOf('user.resetPassword');
    expect([row.actor, row.target]).toEqual(['system:cli', 'user:ivan']);
    expect(JSON.stringify(row)).not.toMatch(/password (12|34)/);
  });

  it('re-enables a disabled user', async () => {
    const u = await createUser(t.db, { name: 'jo', role: 'viewer', password: 'jo password 1234' });
    await disableUser(t.db, u.id);
    await expect(login(t.db, 'jo', 'jo password 1234', at('10.5.0.1'))).rejects.toThrow('wrong name or password');
    await runCommand('user.enable', cliActor, { user: 'jo' }, { db: t.db });
    await expect(login(t.db, 'jo', 'jo password 1234', at('10.5.0.1'))).resolves.toBeDefined();
    await expect(runCommand('user.enable', cliActor, { user: 'jo' }, { db: t.db })).rejects.toThrow('jo is not disabled');
    expect((await auditOf('user.enable')).target).toBe('user:jo');
  });
});
