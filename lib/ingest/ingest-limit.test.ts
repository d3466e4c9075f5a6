// The ingest rate limit is per token and source address: a flood from one
// address is refused whatever host names it makes up, while other addresses
// and other tokens are still served.
import { describe, expect, it } from 'vitest';
import type { TestDatabase } from '../testing/databases';
import { useRouteDatabase } from '../testing/route-database';
import { postReport } from '../testing/http';
import { makeReport } from '../testing/report-factory';
import { createToken } from '../access';

process.env.HEADROOM_INGEST_BURST = '3';
process.env.HEADROOM_INGEST_RATE = '0.5';

describe('ingest rate limit', () => {
  let t: TestDatabase;
  useRouteDatabase('pglite', async (db) => {
    t = db;
  });

  it('answers 429 with Retry-After past the burst from one address, however the names change, and stores nothing for it', async () => {
    const flood = (await createToken(t.db, { name: 'flood', scope: 'ingest' })).token;
    const quiet = (await createToken(t.db, { name: 'quiet', scope: 'ingest' })).token;
    const from = '203.0.113.7';
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await postReport(makeReport({ hostName: `fake-${i}` }), flood, { from })).status);
    expect(statuses.slice(0, 3)).toEqual([202, 202, 202]);
    expect(new Set(statuses.slice(3))).toEqual(new Set([429]));
    const limited = await postReport(makeReport({ hostName: 'fake-next' }), flood, { from });
    // Whole seconds until the next token: 2 right after the burst, 1 if the machine is slow enough for one to be on its way.
    expect(['1', '2']).toContain(limited.headers.get('retry-after'));
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('too_many_requests');
    // Another token from that address, and the same token from another address, are served.
    expect((await postReport(makeReport({ hostName: 'quiet-host' }), quiet, { from })).status).toBe(202);
    expect((await postReport(makeReport({ hostName: 'elsewhere' }), flood, { from: '198.51.100.9' })).status).toBe(202);
    expect(await t.db.host.count()).toBe(5);
    expect(await t.db.report.count()).toBe(5);
  });
});
