// 400 made-up host names from one token and one address, with the defaults
// an install has: the token's default host limit stops the flood at 100
// hosts, the rest are refused and nothing of them is stored, and the hosts it
// did enrol go in one act.
import { describe, expect, it } from 'vitest';
import { createToken } from '../access';
import { cliActor, runCommand } from '../commands';
import { postReport } from '../testing/http';
import { makeReport } from '../testing/report-factory';
import { useRouteApi } from '../testing/route-database';

describe('a flood of host names under the defaults', () => {
  const api = useRouteApi('pglite');

  it('enrols at most the default 100, refuses the rest storing nothing, and removes what it enrolled in one act', async () => {
    const t = api.t;
    const leaked = await createToken(t.db, { name: 'leaked', scope: 'ingest' });
    const statuses = new Map<number, number>();
    for (let i = 0; i < 400; i++) {
      const { status } = await postReport(makeReport({ hostName: `fake-${i}` }), leaked.token, { from: '203.0.113.50' });
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
    expect(statuses.get(202)).toBe(100);
    expect([...statuses.keys()].sort()).toEqual([202, 403, 429].filter((s) => statuses.has(s)));
    expect(statuses.get(403)).toBeGreaterThan(0);
    expect(await t.db.host.count({ where: { enrolledBy: leaked.id } })).toBe(100);
    expect(await t.db.report.count()).toBe(100);
    const gone = await runCommand('host.removeEnrolled', cliActor, { from: 'leaked', after: null, before: new Date().toISOString() }, { db: t.db });
    expect(gone.hosts).toHaveLength(100);
    expect(await t.db.host.count()).toBe(0);
  }, 120_000);
});
