// The limits page's read on both databases: each host's limits from its latest
// full report, its peaks from the rollups and its current state; then grouped
// and planned as the page shows them.
import { describe, expect, it } from 'vitest';
import { rollupOnce } from '../history';
import { ingestReport } from '../ingest';
import { groupLimits, planRaises } from '../risk';
import { makeReport } from '../testing/report-factory';
import { testPrincipal as principal } from '../testing/principal';
import { useRouteDatabase } from '../testing/route-database';
import type { TestDatabase } from '../testing/databases';
import { fleetLimits } from './fleet-limits';
import { GET } from '@/app/api/v1/limits/route';
import { createToken } from '../access';

describe.each(['postgres', 'pglite'] as const)('the fleet\'s limits on %s', (kind) => {
  let t: TestDatabase;
  useRouteDatabase(kind, async (db) => { t = db; });

  it('reads every host\'s limits and its peak of the last days, and plans the raises its own peak calls for', async () => {
    const start = Date.now() - 3 * 3600_000;
    // A builder that peaked at 110 of 128 instances two hours ago and is at 30 now; dockerd near its soft limit.
    for (const [i, instances] of [30, 110, 40].entries()) {
      const r = makeReport({ hostName: 'builder', instances, collectedAt: new Date(start + i * 3600_000) });
      r.daemons = [{ name: 'dockerd', pid: 812, euid: 0, fds: 700, fdLimit: 1024, version: '27.3.1' }];
      await ingestReport(t.db, principal, r);
    }
    await ingestReport(t.db, principal, makeReport({ hostName: 'quiet', instances: 5, instanceLimit: 8192 }));
    await rollupOnce(t.db, new Date());
    const hosts = await fleetLimits(t.db);
    expect(hosts.map((h) => [h.name, h.instances, h.peak.instances])).toEqual([['builder', 128, 110], ['quiet', 8192, 5]]);
    expect(hosts[0]!.daemons).toEqual([{ name: 'dockerd', fds: 700, fdLimit: 1024 }]);
    expect(groupLimits(hosts)[0]!.groups.map((g) => [g.value, g.hosts.map((h) => h.name)])).toEqual([[128, ['builder']], [8192, ['quiet']]]);
    expect(hosts.map(planRaises).filter(Boolean).map((r) => [r!.name, r!.raises.map((x) => `${x.setting}${x.unit ? ` ${x.unit}` : ''} ${x.now} → ${x.to}`)])).toEqual([
      ['builder', ['fs.inotify.max_user_instances 128 → 512', 'LimitNOFILE docker.service 1024 → 4096']],
    ]);
    // The same as JSON, for a read token.
    const get = (token: string) => GET(new Request('http://test/api/v1/limits', { headers: { authorization: `Bearer ${token}` } }));
    const read = (await createToken(t.db, { name: `limits-read-${kind}`, scope: 'read' })).token;
    const res = await get(read);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ hosts: 2, peakDays: 7, raises: [{ name: 'builder', sysctl: expect.stringContaining('fs.inotify.max_user_instances = 512') }] });
    const ingest = (await createToken(t.db, { name: `limits-ingest-${kind}`, scope: 'ingest' })).token;
    expect((await get(ingest)).status).toBe(403);
  });
});
