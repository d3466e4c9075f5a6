// Removing a host removes everything kept about it, and its agent reporting
// again brings it back as a new host, even through a process (a replica) that
// still had the old id cached. Both databases, through the real ingest path.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELETE } from '@/app/api/v1/hosts/[id]/route';
import { dbKinds, openTestDatabase, type TestDatabase } from '../testing/databases';
import { makeReport } from '../testing/report-factory';
import { setDbForTests } from '../server/db/client';
import { hostCache } from '../ingest';
import { prepare } from '../ingest';
import { createToken } from '../access';
import { deleteHost } from './delete-host';
import { evaluateAlerts } from '../alerts';
import { ingestReport } from '../ingest';
import { createSilence } from '../alerts';
import { testPrincipal as principal } from '../testing/principal';


describe.each(dbKinds)('removing a host on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => { t = await openTestDatabase(kind); setDbForTests(t.db); });
  afterAll(async () => { setDbForTests(undefined); await t.close(); });

  const send = async (name: string, i = 0) =>
    (await ingestReport(t.db, principal, makeReport({ hostName: name, instances: 122, collectedAt: new Date(Date.now() - 60_000 + i * 1000) }))).hostId;
  const kept = async (hostId: string) => ({
    reports: await t.db.report.count({ where: { hostId } }),
    state: await t.db.hostState.count({ where: { hostId } }),
    alerts: await t.db.alert.count({ where: { hostId } }),
    silences: await t.db.silence.count({ where: { hostId } }),
  });

  it('removes the host with its history, alerts and silences', async () => {
    const id = await send('retired');
    await send('retired', 1);
    await evaluateAlerts(t.db, { publicUrl: 'http://t', repeatMs: 3600_000, groupWaitMs: 0 });
    await createSilence(t.db, { hostId: id, label: null, endsAt: new Date(Date.now() + 3600_000), reason: 'decommissioning' }, 'admin');
    expect(await kept(id)).toEqual({ reports: 2, state: 1, alerts: expect.any(Number), silences: 1 });
    expect((await kept(id)).alerts).toBeGreaterThan(0);
    expect(await deleteHost(t.db, id)).toEqual({ id, name: 'retired' });
    expect(await t.db.host.findUnique({ where: { id } })).toBeNull();
    expect(await kept(id)).toEqual({ reports: 0, state: 0, alerts: 0, silences: 0 });
    await expect(deleteHost(t.db, id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(deleteHost(t.db, 'nope')).rejects.toMatchObject({ code: 'not_found' });
    // Its agent still running: back as a new host.
    const again = await send('retired', 2);
    expect(again).not.toBe(id);
  });

  it('asks for the name as stored, and answers two removals at once with one removal and one "no such host"', async () => {
    const id = await send('twice');
    await expect(deleteHost(t.db, id, 'not-twice')).rejects.toMatchObject({ message: 'type the host name to confirm' });
    const both = await Promise.allSettled([deleteHost(t.db, id, ' twice '), deleteHost(t.db, id, 'twice')]);
    expect(both.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(both.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'not_found' } });
  });

  it('takes a report for a removed host through a process that still had its id cached', async () => {
    const id = await send('cached');
    const stale = hostCache(t.db).get('cached')!;
    await deleteHost(t.db, id);
    // Another replica: its cache still maps the name to the removed id.
    const r = makeReport({ hostName: 'cached', instances: 10 });
    hostCache(t.db).set('cached', { id, key: prepare(r, new Date()).hostKey });
    expect(stale.id).toBe(id);
    const back = await ingestReport(t.db, principal, r);
    expect(back.hostId).not.toBe(id);
    expect(await t.db.hostState.count({ where: { hostId: back.hostId } })).toBe(1);
  });

  it('DELETE /api/v1/hosts/:id removes it for an admin token', async () => {
    const id = await send('via-api');
    const admin = (await createToken(t.db, { name: 'a', scope: 'admin' })).token;
    const call = () => DELETE(new Request(`http://t/api/v1/hosts/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${admin}` } }), { params: Promise.resolve({ id }) });
    expect((await call()).status).toBe(204);
    expect(await t.db.host.findUnique({ where: { id } })).toBeNull();
    expect((await call()).status).toBe(404);
  });
});
