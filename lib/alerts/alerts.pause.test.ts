// What alerting says about hosts it cannot hear: a silent host's alerts hold
// (its last values are stale, not back to normal), and a server that was down
// does not blame the fleet for its own silence. Real databases, real rounds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds, openTestDatabase, type TestDatabase } from '../testing/databases';
import { makeReport } from '../testing/report-factory';
import { AGENT_MAX_RETRY_MS } from '../protocol';
import { evaluateAlerts } from './evaluate-alerts';
import { ingestReport } from '../ingest';
import { testPrincipal as principal } from '../testing/principal';
import { atOnce, rulesFireAtOnce } from '../testing/alerting';

const opts = { ...atOnce, roundMs: 5000 };

describe.each(dbKinds)('alerting on hosts it cannot hear, on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
    await rulesFireAtOnce(t.db);
  });
  afterAll(async () => { await t.close(); });

  const base = Date.now();
  const events = async (host: string) =>
    (await t.db.alertEvent.findMany({ where: { alert: { host: { name: host } } }, orderBy: [{ at: 'asc' }, { kind: 'asc' }], select: { at: true, kind: true, alert: { select: { dimension: true } } } }))
      .map((e) => ({ at: e.at.getTime(), what: `${e.alert.dimension}:${e.kind}` }));
  const heardAt = (host: string, at: number) => t.db.hostState.updateMany({ where: { host: { name: host } }, data: { receivedAt: new Date(at) } });
  /** Evaluation rounds every 30 s from `from` to `to`, calling `each` before each. */
  const rounds = async (from: number, to: number, each: (at: number) => Promise<unknown> = async () => {}) => {
    for (let at = from; at <= to; at += 30_000) {
      await each(at);
      await evaluateAlerts(t.db, { ...opts, now: new Date(at) });
    }
  };

  it("holds a silent host's alerts instead of resolving them, and carries on when it is back", async () => {
    await ingestReport(t.db, principal, makeReport({ hostName: 'wall', instances: 122 }));
    await heardAt('wall', base);
    await rounds(base, base + 10 * 60_000);
    const critical = await t.db.alert.findFirstOrThrow({ where: { host: { name: 'wall' }, dimension: 'inotifyInstances' } });
    expect(critical).toMatchObject({ state: 'firing', severity: 'critical' });
    // Back, still at the wall: the same alert, never resolved or fired again.
    await rounds(base + 10 * 60_000 + 30_000, base + 11 * 60_000, (at) => heardAt('wall', at));
    expect((await events('wall')).map((e) => e.what)).toEqual(['inotifyInstances:firing', 'silent:firing', 'silent:resolved']);
    expect((await t.db.alert.findUniqueOrThrow({ where: { id: critical.id } })).state).toBe('firing');
  });

  it('does not call the fleet silent for a time the server was down, and still finds a host that did not come back', async () => {
    for (const name of ['returns', 'dead']) await ingestReport(t.db, principal, makeReport({ hostName: name, instances: 10 }));
    // Both reported until the last round before the pause (the previous test's last round, base + 11 min).
    await heardAt('returns', base + 11 * 60_000);
    await heardAt('dead', base + 11 * 60_000);
    const resumed = base + 60 * 60_000; // back after 49 minutes down
    // The host that returns does so within its agent's longest backoff, and keeps reporting.
    const back = resumed + 4 * 60_000;
    await rounds(resumed, resumed + 8 * 60_000, (at) => (at >= back ? heardAt('returns', at) : Promise.resolve()));
    expect(await events('returns')).toEqual([]);
    const dead = await events('dead');
    expect(dead.map((e) => e.what)).toEqual(['silent:firing']);
    // Its agent's longest backoff, then the usual three intervals of 15 s.
    expect(dead[0]!.at).toBeGreaterThan(resumed + AGENT_MAX_RETRY_MS + 45_000);
    expect(dead[0]!.at).toBeLessThanOrEqual(resumed + AGENT_MAX_RETRY_MS + 45_000 + 30_000);
  });

  it('still calls a host silent that was silent before the server went down', async () => {
    await ingestReport(t.db, principal, makeReport({ hostName: 'long-gone', instances: 10 }));
    await heardAt('long-gone', base);
    // Rounds resume after a second pause; long-gone was silent long before it began.
    const resumed = base + 120 * 60_000;
    await rounds(resumed, resumed);
    expect((await events('long-gone')).map((e) => e.what)).toEqual(['silent:firing']);
  });
});
