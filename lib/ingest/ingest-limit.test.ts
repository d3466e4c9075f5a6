// One flooding host gets 429 with Retry-After; other hosts, under the same token or another, are still served.
import { describe, expect, it } from 'vitest';
import type { TestDatabase } from '../testing/databases';
import { useRouteDatabase } from '../testing/route-database';
import { postReport } from '../testing/http';
import { makeReport } from '../testing/report-factory';
import { createToken } from '../access';

process.env.HEADROOM_INGEST_BURST = '3';
process.env.HEADROOM_INGEST_RATE = '0.5';

describe('per-host ingest rate limit', () => {
  let t: TestDatabase;
  useRouteDatabase('pglite', async (db) => {
    t = db;
  });

  it('answers 429 with Retry-After past the burst, stores nothing for it, and serves other hosts and tokens', async () => {
    const flood = (await createToken(t.db, { name: 'flood', scope: 'ingest' })).token;
    const quiet = (await createToken(t.db, { name: 'quiet', scope: 'ingest' })).token;
    const looping = () => makeReport({ hostName: 'looping-agent' });
    for (let i = 0; i < 3; i++) expect((await postReport(looping(), flood)).status).toBe(202);
    const limited = await postReport(looping(), flood);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('too_many_requests');
    expect((await postReport(makeReport(), quiet)).status).toBe(202);
    // A fleet enrolled with one shared token: every other host keeps its own budget.
    expect((await postReport(makeReport({ hostName: 'neighbour' }), flood)).status).toBe(202);
    expect(await t.db.report.count()).toBe(5);
  });
});
