// Whether anything runs the background work, read from what it leaves behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds, openTestDatabase, type TestDatabase } from '../testing/databases';
import { makeReport } from '../testing/report-factory';
import { backgroundStatus, BEHIND_AFTER_S } from './background-status';
import { evaluateAlerts } from '../alerts';
import { startWorker } from './worker';
import { ingestReport } from '../ingest';
import { renderMetrics } from './metrics';
import { rollupOnce } from '../history';
import { testPrincipal as principal } from '../testing/principal';

const MIN = 60_000;

describe.each(dbKinds)('background status on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => { t = await openTestDatabase(kind); });
  afterAll(async () => { await t.close(); });

  it('is not behind on an empty install, nor while a worker rolls up; behind once nothing has for ten minutes', async () => {
    expect(await backgroundStatus(t.db)).toEqual({ lagSeconds: null, behind: false, evaluationLagSeconds: null, evaluationBehind: false });
    await ingestReport(t.db, principal, makeReport({ hostName: 'bg-1' }));
    // A worker that never ran: the first host has waited for it.
    expect((await backgroundStatus(t.db, new Date(Date.now() + 5 * MIN))).behind).toBe(false);
    expect((await backgroundStatus(t.db, new Date(Date.now() + 11 * MIN))).behind).toBe(true);
    // The install's seeded heartbeat predates the host: evaluation is late from the host on, not from the install.
    const neverEvaluated = await backgroundStatus(t.db, new Date(Date.now() + 5 * MIN));
    expect(neverEvaluated.evaluationBehind).toBe(false);
    expect(neverEvaluated.evaluationLagSeconds).toBeLessThan(5 * 60 + 30);

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
    const evaluationLag = Number(/^headroom_evaluation_lag_seconds (\S+)$/m.exec(families)?.[1]);
    expect(evaluationLag).toBeGreaterThan(BEHIND_AFTER_S);
  });

  it('says so when evaluation alone keeps failing while rollups run, and clears once a round commits', async () => {
    const opts = { publicUrl: 'http://x', repeatMs: 3600_000, groupWaitMs: 0 };
    await ingestReport(t.db, principal, makeReport({ hostName: 'bg-2' }));
    // A fleet that has been here for an hour (a round counts from the first host at the earliest).
    await t.db.host.updateMany({ data: { createdAt: new Date(Date.now() - 60 * MIN) } });
    // The last good round twenty minutes ago; rollups current.
    expect((await evaluateAlerts(t.db, { ...opts, now: new Date(Date.now() - 20 * MIN) })).ran).toBe(true);
    await rollupOnce(t.db);
    // A rule the evaluator cannot read: every round throws before it writes.
    const bad = await t.db.alertRule.create({ data: { name: 'corrupt', dimension: 'noSuchDimension', warning: 0.5 } });
    await expect(evaluateAlerts(t.db, opts)).rejects.toThrow();
    // The worker goes on with the rest, and says why on one line each round.
    const lines: string[] = [];
    const stop = startWorker(t.db, { ...opts, evaluateMs: 20, deliverMs: 1000, prune: false, rollup: false, log: (m) => lines.push(m) });
    await expect.poll(() => lines.length).toBeGreaterThan(1);
    await stop();
    expect(lines[0]).toMatch(/^evaluation failed: .*noSuchDimension/);
    expect(lines[0]).not.toContain('\n');
    const failing = await backgroundStatus(t.db);
    expect(failing.behind).toBe(false);
    expect(failing.evaluationBehind).toBe(true);
    expect(failing.evaluationLagSeconds).toBeGreaterThan(19 * 60);

    await t.db.alertRule.delete({ where: { id: bad.id } });
    expect((await evaluateAlerts(t.db, opts)).ran).toBe(true);
    const ok = await backgroundStatus(t.db);
    expect(ok.evaluationBehind).toBe(false);
    expect(ok.evaluationLagSeconds).toBeLessThan(60);
  });
});
