// Two machines reporting under one host name, or one reinstalled: the host
// page is told, on both databases, through the real ingest path.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds, openTestDatabase, type TestDatabase } from '../../testing/databases';
import { makeReport } from '../../testing/report-factory';
import { fleetQuery } from '../../fleet-query';
import { getHost } from './get-host';
import { queryFleet } from './query-fleet';
import { ingestReport } from './ingest-report';

const principal = { tokenId: 't', name: 't', scope: 'ingest' as const, hostName: null };

describe.each(dbKinds)('machine id changes on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => { t = await openTestDatabase(kind); });
  afterAll(async () => { await t.close(); });

  const send = async (machineId: string | null, i: number) => {
    const r = makeReport({ hostName: 'twin', collectedAt: new Date(Date.now() - 60_000 + i * 1000) });
    return (await ingestReport(t.db, principal, { ...r, host: { ...r.host, machineId } })).hostId;
  };

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
});
