// Whether anything runs the background work, read from what it leaves behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds, openTestDatabase, type TestDatabase } from '../../testing/databases';
import { makeReport } from '../../testing/report-factory';
import { backgroundStatus, BEHIND_AFTER_S } from './background-status';
import { ingestReport } from './ingest-report';
import { renderMetrics } from './metrics';
import { rollupOnce } from './rollup';

const principal = { tokenId: 't', name: 't', scope: 'ingest' as const, hostName: null };
const MIN = 60_000;

describe.each(dbKinds)('background status on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => { t = await openTestDatabase(kind); });
  afterAll(async () => { await t.close(); });

  it('is not behind on an empty install, nor while a worker rolls up; behind once nothing has for ten minutes', async () => {
    expect(await backgroundStatus(t.db)).toEqual({ lagSeconds: null, behind: false });
    await ingestReport(t.db, principal, makeReport({ hostName: 'bg-1' }));
    // A worker that never ran: the first host has waited for it.
    expect((await backgroundStatus(t.db, new Date(Date.now() + 5 * MIN))).behind).toBe(false);
    expect((await backgroundStatus(t.db, new Date(Date.now() + 11 * MIN))).behind).toBe(true);

    await rollupOnce(t.db);
    const running = await backgroundStatus(t.db);
    expect(running.behind).toBe(false);
    expect(running.lagSeconds).toBeGreaterThanOrEqual(180); // it rolls up minutes three minutes old
    expect(running.lagSeconds).toBeLessThan(BEHIND_AFTER_S);
    const stalled = await backgroundStatus(t.db, new Date(Date.now() + 15 * MIN));
    expect(stalled.behind).toBe(true);

    const families = (await renderMetrics(t.db, new Date(Date.now() + 15 * MIN))).body;
    const lag = Number(/^headroom_background_lag_seconds (\S+)$/m.exec(families)?.[1]);
    expect(lag).toBeGreaterThan(BEHIND_AFTER_S);
  });
});
