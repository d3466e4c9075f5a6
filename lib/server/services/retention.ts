import 'server-only';
import { z } from 'zod';
import { audit } from '../audit';
import type { Db } from '../db/client';
import { AppError, zodIssues } from '../errors';

export const retentionInput = z.object({
  /** Raw reports (every point of every host). */
  reportDays: z.coerce.number().int().min(1).max(3650),
  /** Resolved alerts, their events, delivered notifications and the audit log. */
  historyDays: z.coerce.number().int().min(7).max(3650),
});
export type Retention = z.infer<typeof retentionInput>;

export const DEFAULT_RETENTION: Retention = { reportDays: 7, historyDays: 90 };

export async function getRetention(db: Db): Promise<Retention> {
  const row = await db.setting.findUnique({ where: { key: 'retention' } });
  const parsed = retentionInput.safeParse(row?.value);
  return parsed.success ? parsed.data : DEFAULT_RETENTION;
}

export async function setRetention(db: Db, input: unknown, actor: string): Promise<Retention> {
  const parsed = retentionInput.safeParse(input);
  if (!parsed.success) throw new AppError('bad_request', 'check the fields', zodIssues(parsed.error.issues));
  await db.setting.upsert({ where: { key: 'retention' }, create: { key: 'retention', value: parsed.data }, update: { value: parsed.data } });
  await audit(db, actor, 'retention.set', null, parsed.data);
  return parsed.data;
}

const BATCH = 5000;

/**
 * Deletes what is past retention, in batches of 5,000 rows so no statement holds
 * locks long enough to stall ingest. Replicas need no lock for it: deleting
 * rows another replica already deleted is a no-op.
 */
export async function pruneOnce(db: Db, now = new Date()): Promise<{ reports: number; history: number }> {
  const r = await getRetention(db);
  const reportsBefore = new Date(now.getTime() - r.reportDays * 86400_000);
  const historyBefore = new Date(now.getTime() - r.historyDays * 86400_000);
  let reports = 0;
  for (;;) {
    const n = await db.$executeRaw`
      DELETE FROM report WHERE (host_id, collected_at, id) IN (
        SELECT host_id, collected_at, id FROM report WHERE collected_at < ${reportsBefore} LIMIT ${BATCH})`;
    reports += n;
    if (n < BATCH) break;
  }
  const history = (await db.alert.deleteMany({ where: { state: 'resolved', resolvedAt: { lt: historyBefore } } })).count
    + (await db.notification.deleteMany({ where: { status: { in: ['delivered', 'failed'] }, createdAt: { lt: historyBefore } } })).count
    + (await db.auditEvent.deleteMany({ where: { at: { lt: historyBefore } } })).count
    + (await db.session.deleteMany({ where: { expiresAt: { lt: now } } })).count
    + (await db.loginFailure.deleteMany({ where: { at: { lt: new Date(now.getTime() - 86400_000) } } })).count;
  return { reports, history };
}
