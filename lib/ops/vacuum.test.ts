// PGlite has no autovacuum: without our own, the current-state table grows with every report.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds, openTestDatabase, type TestDatabase } from '../testing/databases';
import { makeReport } from '../testing/report-factory';
import { ingestReport } from '../ingest';
import { simFleet } from '../sim/fleet';
import { simRounds } from '../testing/sim-rounds';
import { writeBatch } from '../ingest';
import { compactions } from '../history';
import { rollupOnce } from '../history';
import { hasAutovacuum, vacuumer } from './vacuum';
import { testPrincipal as p } from '../testing/principal';


describe.each(dbKinds)('vacuum on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => { t = await openTestDatabase(kind); });
  afterAll(async () => { await t.close(); });

  it('vacuums the current state itself where no autovacuum runs, so rewritten rows are reused', async () => {
    // PGlite never has one; a Postgres server has one unless configured off (as on this CI machine).
    const [{ autovacuum }] = await t.db.$queryRawUnsafe<{ autovacuum: string }[]>('SHOW autovacuum') as [{ autovacuum: string }];
    const auto = await hasAutovacuum(t.db);
    expect(auto).toBe(kind === 'postgres' && autovacuum === 'on');
    const vacuum = vacuumer(t.db);
    if (auto) {
      expect(await vacuum()).toEqual([]);
      return;
    }
    const size = async () => Number((await t.db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT pg_total_relation_size('host_state') AS n`))[0]!.n);
    const burst = async (from: number) => {
      for (let i = 0; i < 150; i++) {
        const r = makeReport({ hostName: 'busy', collectedAt: new Date(Date.now() - 3600_000 + (from + i) * 1000) });
        r.processes = Array.from({ length: 20 }, (_, k) => ({ ...r.processes[0]!, pid: 100 + k, command: `worker-${k}-${'x'.repeat(60)}` }));
        await ingestReport(t.db, p, r);
      }
    };
    await burst(0);
    expect(await vacuum()).toContain('host_state');
    const afterFirst = await size();
    await burst(150);
    await vacuum();
    await burst(300);
    // Without vacuuming, each burst of 150 rewrites adds about as much as the first: three
    // come to about three times. Half the margin is left to other tests' sessions on the same
    // server, which can hold back for a moment what a vacuum may remove (seen at 1.5 under load).
    expect(await size()).toBeLessThan(afterFirst * 2);
  }, 60_000);

  it('vacuums the statistics its ANALYZEs replace, so they do not pile up', async () => {
    if (await hasAutovacuum(t.db)) return; // autovacuum vacuums pg_statistic there
    // Two hours of 10 hosts, compacted: ANALYZE of the chunks' arrays writes statistics
    // of 10-30 KB a column, stored out of line, and replaces them every history round.
    const fleet = simFleet(10);
    const epoch = Date.now() - 3 * 3600_000;
    await writeBatch(t.db, simRounds(fleet, 0, 480, epoch));
    const later = new Date(epoch + 3 * 3600_000);
    await rollupOnce(t.db, later);
    for (const [, once] of compactions) await once(t.db, later);
    const vacuum = vacuumer(t.db, 1);
    const size = async () => Number((await t.db.$queryRawUnsafe<{ n: number }[]>(`SELECT pg_total_relation_size('pg_statistic')::float8 AS n`))[0]!.n);
    // A few rounds first: the table settles at about two rounds' statistics (freed space is reused, never returned).
    for (let i = 0; i < 5; i++) await vacuum();
    const settled = await size();
    for (let i = 0; i < 20; i++) await vacuum();
    // Without vacuuming pg_statistic, every round left the statistics it replaced.
    expect(await size()).toBeLessThan(settled * 1.2);
  }, 120_000);
});
