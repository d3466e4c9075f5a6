// Host labels: from the agent and from admins; rules and silences select on them.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PUT as putLabels } from '@/app/api/v1/hosts/[id]/labels/route';
import { report as reportSchema } from '../protocol';
import type { TestDatabase } from '../testing/databases';
import { useRouteDatabase } from '../testing/route-database';
import { makeReport } from '../testing/report-factory';
import { createToken } from '../access';
import { evaluateAlerts } from '../alerts';
import { ingestReport } from '../ingest';
import { listAlerts } from '../alerts';
import { fleetQuery } from '../protocol';
import { queryFleet } from './query-fleet';
import { createSilence } from '../alerts';
import { testPrincipal as principal } from '../testing/principal';

const bundle = path.resolve(import.meta.dirname, '../../agent/dist/headroom-agent.js');

describe('host labels', () => {
  let t: TestDatabase;
  let admin: string;
  useRouteDatabase('postgres', async (db) => {
    t = db;
    admin = (await createToken(t.db, { name: 'admin', scope: 'admin' })).token;
  });
  const put = (id: string, labels: unknown, token = admin) =>
    putLabels(new Request('http://t/api', { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ labels }) }), { params: Promise.resolve({ id }) });

  it('come from the agent\'s --label flags and from admins, and a host carries both', async () => {
    const r = reportSchema.parse(JSON.parse(execFileSync(process.execPath, [bundle, '--print', '--label', 'ci', '--host-name', 'runner-1']).toString()));
    expect(r.host.labels).toEqual(['ci']);
    const { hostId } = await ingestReport(t.db, principal, r);
    expect((await put(hostId, ['region=eu'])).status).toBe(200);
    expect((await queryFleet(t.db, fleetQuery.parse({}))).hosts.find((h) => h.id === hostId)!.labels).toEqual(['ci', 'region=eu']);
    expect((await put(hostId, ['bad label'])).status).toBe(400);
    const read = (await createToken(t.db, { name: 'r', scope: 'read' })).token;
    expect((await put(hostId, ['x'], read)).status).toBe(403);
    // A later report with other agent labels leaves the admin's labels alone.
    await ingestReport(t.db, principal, { ...makeReport({ hostName: 'runner-1' }), host: { ...makeReport().host, name: 'runner-1', labels: ['gpu'] } });
    expect((await queryFleet(t.db, fleetQuery.parse({}))).hosts.find((h) => h.id === hostId)!.labels).toEqual(['gpu', 'region=eu']);
  });

  it('scope rules to the hosts that carry a label, and silence them by label', async () => {
    await t.db.alertRule.updateMany({ data: { enabled: false } });
    await t.db.alertRule.create({ data: { name: 'eu instances', dimension: 'inotifyInstances', warning: 0.5, critical: 0.9, label: 'region=eu' } });
    const eu = await ingestReport(t.db, principal, { ...makeReport({ hostName: 'eu-1', instances: 80 }), host: { ...makeReport().host, name: 'eu-1', labels: ['region=eu'] } });
    await ingestReport(t.db, principal, makeReport({ hostName: 'us-1', instances: 80 }));
    await evaluateAlerts(t.db, { publicUrl: 'http://x', repeatMs: 1e9, groupWaitMs: 0 });
    const firing = await listAlerts(t.db, { view: 'firing' });
    // runner-1 carries region=eu too, but is at 8 %; us-1 is at 62 % without the label.
    expect(firing.map((a) => a.host.name)).toEqual(['eu-1']);

    await createSilence(t.db, { hostId: null, label: 'region=eu', endsAt: new Date(Date.now() + 3600_000), reason: 'eu maintenance' }, 'test');
    expect((await listAlerts(t.db, { view: 'firing' })).map((a) => a.host.name)).toEqual([]);
    expect((await listAlerts(t.db, { view: 'silenced' })).map((a) => a.hostId)).toEqual([eu.hostId]);
  });
});
