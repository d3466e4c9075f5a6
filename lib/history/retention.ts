import 'server-only';
import { z } from 'zod';
import { endedSessions, forgottenDevices } from '../access';
import type { Db, Tx } from '../server/db/client';
import { checkSetting, readSetting, writeSetting } from '../settings';
import { rollupWatermark } from './rollup';

const days = (min: number, fallback: number) => z.coerce.number().int().min(min).max(3650).default(fallback);

export const retentionInput = z.object({
  /** Raw reports (every point of every host), with their per-user and process samples. */
  reportDays: days(1, 7),
  /** Per-minute rollups (min, max, last per host and minute). */
  minuteDays: days(1, 30),
  /** Per-hour rollups. */
  hourDays: days(1, 365),
  /** Resolved alerts, their events, delivered notifications and the audit log. */
  historyDays: days(7, 90),
}).refine((r) => r.minuteDays >= r.reportDays && r.hourDays >= r.minuteDays, {
  message: 'keep minute rollups at least as long as reports, and hour rollups at least as long as minute rollups',
  path: ['minuteDays'],
});
export type Retention = z.infer<typeof retentionInput>;

export const DEFAULT_RETENTION: Retention = { reportDays: 7, minuteDays: 30, hourDays: 365, historyDays: 90 };

export const getRetention = (db: Db): Promise<Retention> => readSetting(db, 'retention', retentionInput, DEFAULT_RETENTION);

/** Stores windows already checked by retentionInput (the retention.set command, which audits it). */
export const writeRetention = (db: Tx, r: Retention): Promise<Retention> => writeSetting(db, 'retention', r);

/** Checks and stores new windows outside a command (tests, scripts): not audited. */
export const setRetention = async (db: Db, input: unknown): Promise<Retention> => writeRetention(db, checkSetting(retentionInput, input));

const BATCH = 5000;

/** Deletes rows older than `before` from a table keyed (host_id, <time>), 5,000 at a time. */
async function deleteBefore(db: Db, table: string, at: string, before: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await db.$executeRawUnsafe(`
      DELETE FROM ${table} WHERE (host_id, ${at}) IN (
        SELECT host_id, ${at} FROM ${table} WHERE ${at} < $1::timestamptz LIMIT ${BATCH})`, before.toISOString());
    total += n;
    if (n < BATCH) return total;
  }
}

/**
 * Deletes what is past retention, in batches of 5,000 rows so no statement holds
 * locks long enough to stall ingest. Replicas need no lock for it: deleting
 * rows another replica already deleted is a no-op. Raw reports the rollup job
 * has not reached yet are kept, whatever their age: nothing is lost un-rolled.
 */
export async function pruneOnce(db: Db, now = new Date()): Promise<{ reports: number; rollups: number; history: number }> {
  const r = await getRetention(db);
  const ago = (d: number) => new Date(now.getTime() - d * 86400_000);
  const rolled = await rollupWatermark(db);
  let reports = 0;
  if (rolled) {
    const rawBefore = new Date(Math.min(ago(r.reportDays).getTime(), rolled.getTime() - 3600_000));
    reports = await deleteBefore(db, 'report', 'collected_at', rawBefore);
    await deleteBefore(db, 'report_chunk', 'hour', new Date(rawBefore.getTime() - 3600_000));
    await deleteBefore(db, 'uid_sample', 'collected_at', rawBefore);
    await deleteBefore(db, 'process_sample', 'collected_at', rawBefore);
    await deleteBefore(db, 'failure', 'collected_at', rawBefore);
  }
  const rollups = await deleteBefore(db, 'report_minute', 'bucket', ago(r.minuteDays))
    + await deleteBefore(db, 'report_minute_chunk', 'hour', new Date(ago(r.minuteDays).getTime() - 3600_000))
    + await deleteBefore(db, 'report_hour', 'bucket', ago(r.hourDays))
    + await deleteBefore(db, 'report_hour_chunk', 'day', new Date(ago(r.hourDays).getTime() - 86400_000));
  const historyBefore = ago(r.historyDays);
  const history = (await db.alert.deleteMany({ where: { state: 'resolved', resolvedAt: { lt: historyBefore } } })).count
    + (await db.notification.deleteMany({ where: { status: { in: ['delivered', 'failed'] }, createdAt: { lt: historyBefore } } })).count
    + (await db.auditEvent.deleteMany({ where: { at: { lt: historyBefore } } })).count
    + (await db.session.deleteMany({ where: endedSessions(now) })).count
    + (await db.knownDevice.deleteMany({ where: forgottenDevices(now) })).count
    + (await db.loginFailure.deleteMany({ where: { at: { lt: new Date(now.getTime() - 86400_000) } } })).count;
  return { reports, rollups, history };
}
