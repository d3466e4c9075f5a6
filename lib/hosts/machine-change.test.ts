// Two machines reporting under one host name, or one reinstalled: the host
// page is told, on both databases, through the real ingest path.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds, openTestDatabase, type TestDatabase } from '../testing/databases';
import { makeReport } from '../testing/report-factory';
import { hostCache } from '../ingest';
import { prepare } from '../ingest';
import { writeBatch } from '../ingest';
import { fleetQuery } from '../protocol';
import { getHost } from './get-host';
import { queryFleet } from './query-fleet';
import { ingestReport } from '../ingest';
import { testPrincipal as principal } from '../testing/principal';


describe.each(dbKinds)('machine id changes on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => { t = await openTestDatabase(kind); });
  afterAll(async () => { await t.close(); });

  const reportOf = (hostName: string, machineId: string | null, i: number) => {
    const r = makeReport({ hostName, collectedAt: new Date(Date.now() - 60_000 + i * 1000) });
    return { ...r, host: { ...r.host, machineId } };
  };
  const send = async (machineId: string | null, i: number, hostName = 'twin') =>
    (await ingestReport(t.db, principal, reportOf(hostName, machineId, i))).hostId;

  it('says nothing while one machine reports, and names both ids once another reports under the same name', async () => {
    const id = await send('aaaaaaaaaaaaaaaa', 0);
    await send('aaaaaaaaaaaaaaaa', 1);
    expect((await getHost(t.db, id)).machineChange).toBeNull();
    await send('bbbbbbbbbbbbbbbb', 2);
    const change = (await getHost(t.db, id)).machineChange;
    expect(change).toMatchObject({ from: 'aaaaaaaaaaaaaaaa', to: 'bbbbbbbbbbbbbbbb' });
    // The fleet list flags it too.
    const listed = (await queryFleet(t.db, fleetQuery.parse({ q: 'twin' }))).hosts;
    expect(listed.map((h) => [h.name, h.machineChanged])).toEqual([['twin', true]]);
    // A report without a machine id (unreadable) changes nothing, and the id is kept.
    await send(null, 3);
    await send('bbbbbbbbbbbbbbbb', 4);
    expect((await getHost(t.db, id)).machineChange).toEqual(change);
    expect((await getHost(t.db, id)).facts.machineId).toBe('bbbbbbbbbbbbbbbb');
    // A day later a single change (a reinstall) is old news.
    const later = new Date(Date.now() + 2 * 86400_000);
    expect((await getHost(t.db, id, later)).machineChange).toBeNull();
    expect((await queryFleet(t.db, fleetQuery.parse({ q: 'twin' }), later)).hosts[0]!.machineChanged).toBe(false);
  });

  it('sees two machines whose reports arrive in one batch', async () => {
    const now = new Date();
    const [first] = await writeBatch(t.db, [prepare(reportOf('batched', 'aaaaaaaaaaaaaaaa', 0), now)]);
    const id = first!.ok ? first!.value.hostId : '';
    // B then A in one transaction: the host row is upserted once, with one of them.
    await writeBatch(t.db, [prepare(reportOf('batched', 'bbbbbbbbbbbbbbbb', 1), now), prepare(reportOf('batched', 'aaaaaaaaaaaaaaaa', 2), now)]);
    expect((await getHost(t.db, id)).machineChange).toMatchObject({ from: 'bbbbbbbbbbbbbbbb', to: 'aaaaaaaaaaaaaaaa' });
  });

  it('sees two machines each pinned to its own web process (neither process rewrites the host row)', async () => {
    const id = await send('aaaaaaaaaaaaaaaa', 0, 'pinned');
    await send('bbbbbbbbbbbbbbbb', 1, 'pinned');
    // Two days on, the change of day 0 is old news; then the machines keep
    // alternating, each through a process whose cache already holds its facts.
    const later = Date.now() + 2 * 86400_000;
    const cache = hostCache(t.db);
    for (const [i, m] of ['aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbb'].entries()) {
      const p = prepare(reportOf('pinned', m, 2 + i), new Date(later));
      cache.set('pinned', { id, key: p.hostKey });
      await writeBatch(t.db, [p]);
    }
    const change = (await getHost(t.db, id, new Date(later))).machineChange;
    expect(change).toMatchObject({ from: 'aaaaaaaaaaaaaaaa', to: 'bbbbbbbbbbbbbbbb' });
    expect(change!.at.getTime()).toBe(later);
  });

  it("sees a second machine whose clock is behind, all of whose reports arrive late", async () => {
    const id = await send('aaaaaaaaaaaaaaaa', 10, 'skewed');
    // B's reports are collected before A's last one: each is late, and alone in its batch.
    for (const i of [5, 6]) await send('bbbbbbbbbbbbbbbb', i, 'skewed');
    expect((await getHost(t.db, id)).machineChange).toMatchObject({ from: 'bbbbbbbbbbbbbbbb', to: 'aaaaaaaaaaaaaaaa' });
  });
});
