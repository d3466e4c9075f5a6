// A token's life beyond revocation: it expires when told to, even from the
// 5 s cache, and stops working while the user who created it is disabled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliActor, runCommand, userActor } from '../commands';
import { dbKinds, openTestDatabase, type TestDatabase } from '../testing/databases';
import { authenticate, TOKEN_CACHE_MS } from './authenticate';
import { listTokens } from './list-tokens';
import { createUser, disableUser } from './users';

describe.each(dbKinds)('token expiry and creators on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => { t = await openTestDatabase(kind); });
  afterAll(async () => { await t.close(); });
  const bearer = (token: string) => `Bearer ${token}`;
  const admin = async (name: string) => {
    const u = await createUser(t.db, { name, role: 'admin', password: `${name} password 123` });
    return { id: u.id, actor: userActor({ ...u, role: 'admin', sessionId: 'test' }) };
  };

  it('refuses a token once it expires, even while its check is cached', async () => {
    const made = await runCommand('token.create', cliActor, { name: 'ci-week', scope: 'read', expires: '7d' }, { db: t.db });
    const expiresAt = made.expiresAt!;
    expect(Math.abs(expiresAt.getTime() - Date.now() - 7 * 86400_000)).toBeLessThan(60_000);
    const justBefore = new Date(expiresAt.getTime() - 1000);
    await expect(authenticate(t.db, bearer(made.token), 'read', justBefore)).resolves.toMatchObject({ name: 'ci-week' });
    // Still inside the cache period of the check just made.
    await expect(authenticate(t.db, bearer(made.token), 'read', expiresAt)).rejects.toThrow('token expired');
    expect((await listTokens(t.db, expiresAt)).find((x) => x.id === made.id)?.refused).toBe('expired');
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { target: `token:${made.id}` } });
    expect(audit.detail).toMatchObject({ expiresAt: expiresAt.toISOString() });
  });

  it('reads an expiry as typed, and refuses nonsense', async () => {
    const create = (expires: string) => runCommand('token.create', cliActor, { name: `t ${expires}`, scope: 'ingest', expires }, { db: t.db });
    await expect(create('never')).resolves.toMatchObject({ expiresAt: null });
    expect((await create('12h')).expiresAt!.getTime() - Date.now()).toBeGreaterThan(12 * 3600_000 - 60_000);
    for (const bad of ['ten', '0d', '30m', '99999w']) await expect(create(bad), bad).rejects.toThrow(/expires: must be a time such as 30d/i);
  });

  it('stops the tokens of a disabled user at once here and within the cache period elsewhere, and not the CLI\'s', async () => {
    const [ann, ben] = [await admin('ann'), await admin('ben')];
    const anns = await runCommand('token.create', ann.actor, { name: 'ann-ci', scope: 'read' }, { db: t.db });
    const cli = await runCommand('token.create', cliActor, { name: 'cli-ci', scope: 'read' }, { db: t.db });
    expect(await t.db.apiToken.findUniqueOrThrow({ where: { id: anns.id } })).toMatchObject({ createdById: ann.id });
    await authenticate(t.db, bearer(anns.token), 'read');
    await runCommand('user.disable', ben.actor, { id: ann.id }, { db: t.db });
    await expect(authenticate(t.db, bearer(anns.token), 'read')).rejects.toThrow('the user who created this token is disabled');
    await expect(authenticate(t.db, bearer(cli.token), 'read')).resolves.toMatchObject({ name: 'cli-ci' });
    expect((await listTokens(t.db)).find((x) => x.id === anns.id)).toMatchObject({ refused: 'its creator is disabled', createdBy: { name: 'ann' } });

    await runCommand('user.enable', cliActor, { user: 'ann' }, { db: t.db });
    const t0 = new Date();
    await expect(authenticate(t.db, bearer(anns.token), 'read', t0)).resolves.toMatchObject({ name: 'ann-ci' });
    // Disabled by another replica: this one's cached check lapses within TOKEN_CACHE_MS.
    await disableUser(t.db, ann.id);
    await expect(authenticate(t.db, bearer(anns.token), 'read', new Date(t0.getTime() + TOKEN_CACHE_MS + 1))).rejects.toThrow('disabled');
  });
});
