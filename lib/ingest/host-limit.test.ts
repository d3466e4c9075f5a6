// A token's host limit under concurrent batches: enrolment under one token is
// counted one batch at a time, whichever connection (or replica) writes it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds, openTestDatabase, type TestDatabase } from '../testing/databases';
import { makeReport } from '../testing/report-factory';
import { createToken } from '../access';
import { hostLimit } from '../access';
import { prepare } from './prepare';
import { hostCache } from './hosts';
import { writeBatch } from './write-batch';

describe('host limits as typed', () => {
  it('reads blank and "none" as no limit, and refuses what is not a whole number of hosts', () => {
    expect(['', ' none ', 'NONE'].map((v) => hostLimit.parse(v))).toEqual([null, null, null]);
    expect(hostLimit.parse('25')).toBe(25);
    for (const bad of ['0', '-3', '2.5', 'ten', '1e9']) expect(hostLimit.safeParse(bad).success, bad).toBe(false);
  });
});

describe.each(dbKinds)('host limit on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => { t = await openTestDatabase(kind); });
  afterAll(async () => { await t.close(); });

  it('enrols exactly the limit when many new hosts arrive in parallel batches', async () => {
    const token = await createToken(t.db, { name: 'shared', scope: 'ingest', maxHosts: 3 });
    const enrol = { tokenId: token.id, tokenName: token.name, maxHosts: 3 };
    const batch = (k: number) => [0, 1].map((i) => prepare(makeReport({ hostName: `par-${k}-${i}` }), new Date(), undefined, enrol));
    // Eight batches at once, sixteen new hosts: on Postgres they run on several pool connections.
    const results = (await Promise.all([...Array(8).keys()].map((k) => writeBatch(t.db, batch(k))))).flat();
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect(results.filter((r) => !r.ok).map((r) => String((r as { error: unknown }).error))).toEqual(Array(13).fill(expect.stringMatching(/has enrolled the 3 hosts/)));
    expect(await t.db.host.count({ where: { enrolledBy: token.id } })).toBe(3);
    expect(await t.db.host.count({ where: { name: { startsWith: 'par-' } } })).toBe(3);
  });

  it('answers each report of a mixed batch for itself', async () => {
    const token = await createToken(t.db, { name: 'one', scope: 'ingest', maxHosts: 1 });
    const enrol = { tokenId: token.id, tokenName: token.name, maxHosts: 1 };
    const open = { tokenId: (await createToken(t.db, { name: 'open', scope: 'ingest' })).id, tokenName: 'open', maxHosts: null };
    const [a, b, c, a2] = await writeBatch(t.db, [
      prepare(makeReport({ hostName: 'mix-a' }), new Date(), undefined, enrol),
      prepare(makeReport({ hostName: 'mix-b' }), new Date(), undefined, enrol),
      prepare(makeReport({ hostName: 'mix-c' }), new Date(), undefined, open),
      prepare(makeReport({ hostName: 'mix-a', collectedAt: new Date(Date.now() - 15_000) }), new Date(), undefined, enrol),
    ]);
    expect([a!.ok, b!.ok, c!.ok, a2!.ok]).toEqual([true, false, true, true]);
    expect(a2!.ok && a!.ok && a2!.value.hostId).toBe(a!.ok && a!.value.hostId);
    expect(await t.db.report.count({ where: { host: { name: { in: ['mix-a', 'mix-c'] } } } })).toBe(3);
  });

  it('holds a limit set a moment ago, which a replica\'s cached token does not carry yet', async () => {
    const token = await createToken(t.db, { name: 'late-limit', scope: 'ingest' });
    const stale = { tokenId: token.id, tokenName: token.name, maxHosts: null }; // as cached before the limit was set
    expect((await writeBatch(t.db, [prepare(makeReport({ hostName: 'late-1' }), new Date(), undefined, stale)]))[0]!.ok).toBe(true);
    await t.db.apiToken.update({ where: { id: token.id }, data: { maxHosts: 1 } });
    const [r] = await writeBatch(t.db, [prepare(makeReport({ hostName: 'late-2' }), new Date(), undefined, stale)]);
    expect(r!.ok).toBe(false);
    expect(await t.db.host.count({ where: { name: 'late-2' } })).toBe(0);
  });

  it('enrols a host reported under a full token and an open one in one batch with the open one, refusing the full one\'s', async () => {
    const full = await createToken(t.db, { name: 'full', scope: 'ingest', maxHosts: 1 });
    const open = await createToken(t.db, { name: 'open-2', scope: 'ingest' });
    const as = (tok: typeof full, max: number | null) => ({ tokenId: tok.id, tokenName: tok.name, maxHosts: max });
    await writeBatch(t.db, [prepare(makeReport({ hostName: 'full-1' }), new Date(), undefined, as(full, 1))]);
    const results = await writeBatch(t.db, [
      prepare(makeReport({ hostName: 'both', collectedAt: new Date(Date.now() - 15_000) }), new Date(), undefined, as(full, 1)),
      prepare(makeReport({ hostName: 'both' }), new Date(), undefined, as(open, null)),
    ]);
    expect(results.map((r) => r.ok)).toEqual([false, true]);
    expect((await t.db.host.findUniqueOrThrow({ where: { name: 'both' } })).enrolledBy).toBe(open.id);
    expect(await t.db.report.count({ where: { host: { name: 'both' } } })).toBe(1);
  });

  it('gives a host from before tokens were recorded the token of its next report, without refusing it', async () => {
    await writeBatch(t.db, [prepare(makeReport({ hostName: 'old-host' }), new Date())]); // no token: as rows from before the column
    expect((await t.db.host.findUniqueOrThrow({ where: { name: 'old-host' } })).enrolledBy).toBeNull();
    const token = await createToken(t.db, { name: 'adopter', scope: 'ingest', maxHosts: 1 });
    hostCache(t.db).clear(); // a restarted server: the upgrade that added the column
    const enrol = { tokenId: token.id, tokenName: token.name, maxHosts: 1 };
    expect((await writeBatch(t.db, [prepare(makeReport({ hostName: 'old-host' }), new Date(), undefined, enrol)]))[0]!.ok).toBe(true);
    expect((await t.db.host.findUniqueOrThrow({ where: { name: 'old-host' } })).enrolledBy).toBe(token.id);
    expect((await writeBatch(t.db, [prepare(makeReport({ hostName: 'new-after' }), new Date(), undefined, enrol)]))[0]!.ok).toBe(false);
  });
});
