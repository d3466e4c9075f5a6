// A trend follows one series: when the worst process or user is another one
// than in the report before, the jump between the two is not a climb.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds, openTestDatabase, type TestDatabase } from '../testing/databases';
import { makeReport } from '../testing/report-factory';
import type { Report } from '../protocol';
import { getHost } from '../hosts';
import { ingestReport } from './ingest-report';
import { testPrincipal as principal } from '../testing/principal';

const proc = (pid: number, fds: number, fdLimit: number, command = `p${pid}`) =>
  ({ pid, command, euid: 0, fds, fdLimit, inotifyInstances: 0, inotifyWatches: 0, containerId: null });

describe.each(dbKinds)('trend series on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => { t = await openTestDatabase(kind); });
  afterAll(async () => { await t.close(); });

  const start = Date.now() - 120 * 15_000;
  const send = async (host: string, i: number, edit: (r: Report) => Report) =>
    (await ingestReport(t.db, principal, edit(makeReport({ hostName: host, collectedAt: new Date(start + i * 15_000) })))).hostId;
  const exhaustion = async (id: string) => (await getHost(t.db, id)).summary.exhaustion;

  it('does not read the worst process changing as a climb', async () => {
    // pid 1 at 700 of 1024 is the worst until it exits; pid 2 holds a steady 40,000 of 65,536.
    const both = (r: Report) => ({ ...r, processes: [proc(1, 700, 1024), proc(2, 40_000, 65_536)] });
    const after = (r: Report) => ({ ...r, processes: [proc(2, 40_000, 65_536)] });
    let id = '';
    for (let i = 0; i < 4; i++) id = await send('switch', i, both);
    for (let i = 4; i < 7; i++) await send('switch', i, after);
    expect((await getHost(t.db, id)).summary.dimensions.processFds).toMatchObject({ used: 40_000, limit: 65_536 });
    expect((await exhaustion(id)).processFds).toBeNull();
  });

  it('follows a pool of workers that take turns being the worst as one series', async () => {
    // Four gunicorn workers leaking together, 4 fds a report each; the worst one changes every report.
    // Sixteen minutes: a quarter of the process trend's window and then some.
    let id = '';
    for (let i = 0; i < 66; i++) {
      id = await send('pool', i, (r) => ({ ...r, processes: [0, 1, 2, 3].map((w) => proc(100 + w, 500 + 4 * i + (w === i % 4 ? 3 : 0), 1024, 'gunicorn')) }));
    }
    expect((await exhaustion(id)).processFds).toBeGreaterThan(0);
  });

  it('does not read another user becoming the worst as a climb, and still follows one that climbs', async () => {
    const users = (root: number, other: number) => (r: Report) => ({
      ...r, uids: [{ uid: 0, user: 'root', instances: root, watches: 10 }, { uid: 1000, user: 'ci', instances: other, watches: 10 }],
    });
    let id = '';
    for (let i = 0; i < 4; i++) id = await send('users', i, users(40, 20));
    await send('users', 4, users(40, 90)); // uid 1000 takes over at 90: another series
    await send('users', 5, users(40, 90));
    expect((await exhaustion(id)).inotifyInstances).toBeNull();
    // The same user climbing is a trend again, once the window has seen enough of it (ten minutes).
    for (let i = 6; i < 46; i++) await send('users', i, users(40, 90 + Math.floor((i - 6) / 4)));
    expect((await exhaustion(id)).inotifyInstances).toBeGreaterThan(0);
  });
});
