// The latest full report: written when what it shows changed, otherwise at
// most once a minute, on both databases, and read back by the host page's query.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../protocol';
import { dbKinds, openTestDatabase, type TestDatabase } from '../testing/databases';
import { makeReport } from '../testing/report-factory';
import { getHost } from '../hosts';
import { ingestReport } from './ingest-report';
import { factsKey, reportDue, REPORT_EVERY_MS } from './latest-report';
import { testPrincipal as principal } from '../testing/principal';


describe('when the latest full report is rewritten', () => {
  const prev = { reportAt: 0, reportKey: 'k', panicRisk: false, crashingBuildkit: false };
  const next = { at: 15_000, key: 'k', panicRisk: false, crashingBuildkit: false, sampled: false };
  it('not for a report that changes nothing it shows, within a minute', () => {
    expect(reportDue(prev, next)).toBe(false);
    expect(reportDue(prev, { ...next, at: REPORT_EVERY_MS - 1 })).toBe(false);
  });
  it('for the first report, a changed fact, a flipped risk flag, a written sample, or after a minute', () => {
    expect(reportDue(null, next)).toBe(true);
    expect(reportDue({ ...prev, reportAt: null }, next)).toBe(true);
    expect(reportDue(prev, { ...next, key: 'other' })).toBe(true);
    expect(reportDue(prev, { ...next, panicRisk: true })).toBe(true);
    expect(reportDue(prev, { ...next, crashingBuildkit: true })).toBe(true);
    expect(reportDue(prev, { ...next, sampled: true })).toBe(true);
    expect(reportDue(prev, { ...next, at: REPORT_EVERY_MS })).toBe(true);
  });
  it('keys facts that matter, not counters that move every report', () => {
    const r = makeReport();
    const k = factsKey(r);
    expect(factsKey({ ...r, fds: { ...r.fds, allocated: r.fds.allocated + 7 }, scan: { ...r.scan, durationMs: 99 } })).toBe(k);
    expect(factsKey({ ...r, delivery: { pending: 3, dropped: 2 } })).not.toBe(k);
    expect(factsKey({ ...r, scan: { ...r.scan, overran: true } })).not.toBe(k);
    expect(factsKey({ ...r, inotify: { ...r.inotify, maxUserInstances: 512 } })).not.toBe(k);
  });
});

describe.each(dbKinds)('the latest full report on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => { t = await openTestDatabase(kind); });
  afterAll(async () => { await t.close(); });

  const t0 = Date.now() - 10 * 60_000;
  // buildkitd runs as root: root's inotify instances at the limit is the watcher-panic risk.
  const report = (s: number, o: { version?: string; instances?: number } = {}): Report => {
    const r = makeReport({ hostName: `doc-${kind}`, collectedAt: new Date(t0 + s * 1000), instances: o.instances ?? 10 });
    r.daemons = [{ name: 'buildkitd', pid: 7, euid: 0, fds: 20, fdLimit: 1024, version: o.version ?? 'v0.21.1' }];
    return r;
  };
  const stored = async (id: string) => (await getHost(t.db, id)).latest?.collectedAt;
  const at = (s: number) => new Date(t0 + s * 1000).toISOString();

  it('follows the reports, skipping those that change nothing it shows', async () => {
    const send = async (r: Report) => (await ingestReport(t.db, principal, r)).hostId;
    const id = await send(report(0));
    expect(await stored(id)).toBe(at(0));
    await send(report(15));
    expect(await stored(id)).toBe(at(0)); // same facts, no sample, 15 s later
    await send(report(30, { version: 'v0.21.2' }));
    expect(await stored(id)).toBe(at(30)); // the daemon was upgraded
    await send(report(45, { version: 'v0.21.2', instances: 127 }));
    expect((await getHost(t.db, id)).latest).toMatchObject({ collectedAt: at(45), uids: [{ uid: 0, instances: 127 }] }); // panic risk began
    await send(report(60, { version: 'v0.21.2', instances: 127 }));
    expect(await stored(id)).toBe(at(60)); // a minute after the first, root's changed counts were sampled
    await send(report(75, { version: 'v0.21.2', instances: 127 }));
    await send(report(105, { version: 'v0.21.2', instances: 127 }));
    expect(await stored(id)).toBe(at(60));
    await send(report(120, { version: 'v0.21.2', instances: 127 }));
    expect(await stored(id)).toBe(at(120)); // a minute after the last one
    // The figures stay current whatever the document's age.
    expect((await getHost(t.db, id)).summary.dimensions.inotifyInstances.used).toBe(127);
  });

  it('is never replaced by a late report', async () => {
    const id = (await ingestReport(t.db, principal, report(200))).hostId;
    await ingestReport(t.db, principal, report(150, { version: 'v0.9' }));
    expect(await stored(id)).toBe(at(200));
  });
});
