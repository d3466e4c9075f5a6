// User changes whose checks read then write, run at once: first-run setup,
// the last admin, names that differ only in case.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dbKinds, openTestDatabase, type TestDatabase } from '../testing/databases';
import { createUser, disableUser, setUserRole } from './users';

const admin = (name: string) => ({ name, role: 'admin', password: `${name} password 123` });
const outcomes = async (ps: Promise<unknown>[]) => {
  const all = await Promise.allSettled(ps);
  return { ok: all.filter((r) => r.status === 'fulfilled').length, errors: all.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : [])) };
};

describe.each(dbKinds)('user changes at once on %s', (kind) => {
  let t: TestDatabase;
  beforeEach(async () => { t = await openTestDatabase(kind); });
  afterEach(async () => { await t.close(); });
  const activeAdmins = () => t.db.user.count({ where: { role: 'admin', disabledAt: null } });

  it('lets one of several first-run setups through', async () => {
    const r = await outcomes(['ann', 'ben', 'cat', 'dan'].map((n) => createUser(t.db, admin(n), { firstOnly: true })));
    expect(r.ok).toBe(1);
    expect(r.errors).toEqual(Array(3).fill(expect.stringMatching(/setup is done/)));
    expect(await t.db.user.count()).toBe(1);
  });

  it('keeps an admin when the last two demote or disable each other at once', async () => {
    const [a, b] = [await createUser(t.db, admin('ann')), await createUser(t.db, admin('ben'))];
    const demote = await outcomes([setUserRole(t.db, a.id, 'viewer'), setUserRole(t.db, b.id, 'viewer')]);
    expect(demote).toEqual({ ok: 1, errors: [expect.stringMatching(/last admin cannot be demoted/)] });
    expect(await activeAdmins()).toBe(1);

    const c = await createUser(t.db, admin('cat'));
    const left = (await t.db.user.findFirstOrThrow({ where: { role: 'admin', id: { not: c.id } } })).id;
    const disable = await outcomes([disableUser(t.db, left), disableUser(t.db, c.id)]);
    expect(disable).toEqual({ ok: 1, errors: [expect.stringMatching(/last admin cannot be disabled/)] });
    expect(await activeAdmins()).toBe(1);
  });

  it('creates one of two names that differ only in case', async () => {
    const r = await outcomes([createUser(t.db, admin('Eve')), createUser(t.db, admin('eve'))]);
    expect(r).toEqual({ ok: 1, errors: [expect.stringMatching(/exists/)] });
  });
});
