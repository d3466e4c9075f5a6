// Failed calls reach the database as the agent caught them: a row per report
// that had any, kept once however often it is resent, and a counter per host,
// call and errno that only grows.
import { describe, expect, it } from 'vitest';
import { createToken } from '../access';
import { postReport } from '../testing/http';
import { failuresOf, makeReport } from '../testing/report-factory';
import { useRouteApi } from '../testing/route-database';

describe.each(['postgres', 'pglite'] as const)('failed calls stored on %s', (kind) => {
  const api = useRouteApi(kind);

  it('keeps each report\'s failures once, and counts them per call and errno', async () => {
    const t = api.t;
    const { token } = await createToken(t.db, { name: 'builders', scope: 'ingest' });
    const at = Date.now() - 60_000;
    const first = makeReport({ hostName: 'builder-1', collectedAt: new Date(at), failures: failuresOf([
      { count: 3, container: 'buildkit-builder', at: new Date(at - 2_000) },
      { call: 'openat', errno: 'EMFILE', program: 'node', pid: 77, uid: 1000, count: 2 },
    ]) });
    expect((await postReport(first, token)).status).toBe(202);
    expect((await postReport(first, token)).status).toBe(202); // a resend
    const second = makeReport({ hostName: 'builder-1', collectedAt: new Date(at + 15_000), failures: failuresOf([{ count: 1 }]) });
    expect((await postReport(second, token)).status).toBe(202);
    expect((await postReport(makeReport({ hostName: 'builder-1', collectedAt: new Date(at + 30_000) }), token)).status).toBe(202);

    const rows = await t.db.failure.findMany({ orderBy: { collectedAt: 'asc' } });
    expect(rows.map((r) => [r.collectedAt.getTime(), r.total])).toEqual([[at, 5], [at + 15_000, 1]]);
    expect(rows[0]!.counts).toEqual(first.failures!.counts);
    expect(rows[0]!.samples).toEqual(first.failures!.samples);
    const totals = await t.db.failureTotal.findMany({ orderBy: [{ call: 'asc' }] });
    expect(totals.map((r) => [r.call, r.errno, Number(r.count)])).toEqual([['inotify_init1', 'EMFILE', 4], ['openat', 'EMFILE', 2]]);
  });
});
