import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../testing/databases';
import { makeReport } from '../../testing/report-factory';
import { ingestReport } from './ingest-report';
import { DEFAULT_RETENTION, getRetention, pruneOnce, setRetention } from './retention';

const p = { tokenId: 't', name: 't', scope: 'ingest' as const, hostName: null };
const day = 86400_000;

describe('retention', () => {
  let t: TestDatabase;
  beforeAll(async () => { t = await openTestDatabase('pglite'); });
  afterAll(async () => { await t.close(); });

  it('keeps 7 days of reports by default, prunes older ones in batches, keeps the rest', async () => {
    expect(await getRetention(t.db)).toEqual(DEFAULT_RETENTION);
    const now = Date.now();
    for (const age of [1, 6, 8, 20]) await ingestReport(t.db, p, makeReport({ hostName: 'kept', collectedAt: new Date(now - age * day) }));
    expect(await pruneOnce(t.db, new Date(now))).toMatchObject({ reports: 2 });
    const left = await t.db.report.findMany({ select: { collectedAt: true } });
    expect(left.map((r) => Math.round((now - r.collectedAt.getTime()) / day)).sort()).toEqual([1, 6]);
  });

  it('takes a new window from an admin, validated and audited', async () => {
    await setRetention(t.db, { reportDays: '2', historyDays: '30' }, 'user:alice');
    expect(await getRetention(t.db)).toEqual({ reportDays: 2, historyDays: 30 });
    expect(await pruneOnce(t.db)).toMatchObject({ reports: 1 });
    await expect(setRetention(t.db, { reportDays: 0, historyDays: 30 }, 'x')).rejects.toThrow('check the fields');
    expect((await t.db.auditEvent.findFirstOrThrow({ where: { action: 'retention.set' } })).actor).toBe('user:alice');
  });
});
