import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../commands';
import { openTestDatabase, type TestDatabase } from '../testing/databases';
import { makeReport } from '../testing/report-factory';
import { ingestReport } from '../ingest';
import { DEFAULT_RETENTION, getRetention, pruneOnce, setRetention } from './retention';
import { rollupOnce } from './rollup';
import { testAdmin, testPrincipal as p } from '../testing/principal';

const day = 86400_000;

describe('retention', () => {
  let t: TestDatabase;
  beforeAll(async () => { t = await openTestDatabase('pglite'); });
  afterAll(async () => { await t.close(); });

  it('keeps no raw report the rollups have not taken in yet', async () => {
    const now = Date.now();
    await ingestReport(t.db, p, makeReport({ hostName: 'kept', collectedAt: new Date(now - 20 * day) }));
    expect(await pruneOnce(t.db, new Date(now))).toMatchObject({ reports: 0 });
    expect(await t.db.report.count()).toBe(1);
  });

  it('keeps 7 days of reports by default, prunes older ones and their samples in batches, keeps the rest', async () => {
    expect(await getRetention(t.db)).toEqual(DEFAULT_RETENTION);
    const now = Date.now();
    for (const age of [1, 6, 8]) await ingestReport(t.db, p, makeReport({ hostName: 'kept', collectedAt: new Date(now - age * day) }));
    await rollupOnce(t.db, new Date(now));
    expect(await t.db.reportMinute.count()).toBe(4);
    expect(await pruneOnce(t.db, new Date(now))).toMatchObject({ reports: 2 });
    const left = await t.db.report.findMany({ select: { collectedAt: true } });
    expect(left.map((r) => Math.round((now - r.collectedAt.getTime()) / day)).sort()).toEqual([1, 6]);
    expect(await t.db.uidSample.count({ where: { collectedAt: { lt: new Date(now - 7 * day) } } })).toBe(0);
    // Rollups have their own, longer windows (30 days of minutes, a year of hours).
    expect(await t.db.reportMinute.count()).toBe(4);
  });

  it('takes a new window from an admin, validated and audited', async () => {
    await runCommand('retention.set', testAdmin, { reportDays: '2', minuteDays: '10', hourDays: '400', historyDays: '30' }, { db: t.db });
    expect(await getRetention(t.db)).toEqual({ reportDays: 2, minuteDays: 10, hourDays: 400, historyDays: 30 });
    expect(await pruneOnce(t.db)).toMatchObject({ reports: 1, rollups: 1 });
    await expect(setRetention(t.db, { reportDays: 0, historyDays: 30 })).rejects.toThrow('check the fields');
    await expect(setRetention(t.db, { reportDays: 20, minuteDays: 10 })).rejects.toThrow('check the fields');
    expect((await t.db.auditEvent.findFirstOrThrow({ where: { action: 'retention.set' } })).actor).toBe('user:alice');
  });

  it('reads settings saved before the rollup windows existed', async () => {
    await t.db.setting.update({ where: { key: 'retention' }, data: { value: { reportDays: 3, historyDays: 60 } } });
    expect(await getRetention(t.db)).toEqual({ reportDays: 3, minuteDays: 30, hourDays: 365, historyDays: 60 });
  });
});
