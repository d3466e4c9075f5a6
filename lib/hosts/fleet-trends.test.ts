// The fleet's sparklines: each host's worst fraction of any limit per minute
// of the last hour, from the minute rollups, for a whole page in one query,
// and still there after compaction packs older hours away.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds, openTestDatabase, type TestDatabase } from '../testing/databases';
import { testPrincipal } from '../testing/principal';
import { makeReport } from '../testing/report-factory';
import { compactMinutesOnce } from '../history';
import { compactOnce } from '../history';
import { hostTrends, TREND_MINUTES } from './fleet-trends';
import { ingestReport } from '../ingest';
import { rollupOnce, rollupWatermark } from '../history';

const MIN = 60_000;

describe.each(dbKinds)('fleet trends on %s', (kind) => {
  let t: TestDatabase;
  const now = new Date(Math.floor(Date.now() / MIN) * MIN + 30_000);
  const minute = (ago: number) => Math.floor(now.getTime() / MIN) * MIN - ago * MIN;
  let climbing: string;
  let quiet: string;
  let wide: string;

  beforeAll(async () => {
    t = await openTestDatabase(kind);
    const send = (name: string, at: number, o: Parameters<typeof makeReport>[0]) =>
      ingestReport(t.db, testPrincipal, makeReport({ hostName: name, collectedAt: new Date(at), ...o }), new Date(at + 1000));
    // Three hours back, so compaction has closed hours to pack; the last hour climbs 10 → 100 of 128.
    for (let ago = 180; ago >= 1; ago -= 10) climbing = (await send('climbing', minute(ago) + 5000, { instances: Math.max(10, 100 - ago * 1.5) })).hostId;
    await send('climbing', minute(1) + 20_000, { instances: 112 });
    quiet = (await send('quiet', minute(200), { instances: 10 })).hostId;
    // Worst of the four limits: process fds at 900 of 1024 beat inotify's 10 of 128.
    wide = (await send('wide', minute(5), { instances: 10, processFds: [900, 1024] })).hostId;
    await rollupOnce(t.db, now);
  });
  afterAll(async () => { await t.close(); });

  it('gives each host its last hour, minute by minute, worst limit first, in one query', async () => {
    const trends = await hostTrends(t.db, [climbing, quiet, wide], now);
    const c = trends.get(climbing)!;
    expect(c.f).toHaveLength(TREND_MINUTES);
    expect(c.from).toBe(minute(TREND_MINUTES - 1));
    const seen = c.f.flatMap((f, i) => (f === null ? [] : [[i, Math.round(f * 128)]]));
    // Reports 50, 40, … 10 minutes ago from the minute rollups, and 1 minute ago (not rolled up yet) from the raw report.
    expect(seen).toEqual([[9, 25], [19, 40], [29, 55], [39, 70], [49, 85], [58, 112]]);
    expect((await rollupWatermark(t.db))!.getTime()).toBeLessThanOrEqual(minute(1));
    expect(trends.has(quiet)).toBe(false);
    expect(trends.get(wide)!.f[TREND_MINUTES - 1 - 5]).toBeCloseTo(900 / 1024);
    expect(await hostTrends(t.db, [], now)).toEqual(new Map());
  });

  it('reads the same after compaction packed the closed hours', async () => {
    const before = await hostTrends(t.db, [climbing], now);
    expect(await compactOnce(t.db, now)).toBeGreaterThan(0);
    expect(await compactMinutesOnce(t.db, now)).toBeGreaterThan(0);
    expect(await hostTrends(t.db, [climbing], now)).toEqual(before);
  });
});
