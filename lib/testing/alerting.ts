// For tests about what alerts say and where they go, not when: the default
// rules' waits taken out (each test of the waits states its own).
import type { Db } from '../server/db/client';

/** Evaluation options that resolve an alert as soon as its condition clears. */
export const atOnce = { publicUrl: 'http://headroom.test', repeatMs: 4 * 3600_000, groupWaitMs: 0, resolveAfterMs: 0 };

/** The default rules fire on the first round past their level (time to exhaustion keeps its 3 minutes). */
export async function rulesFireAtOnce(db: Db): Promise<void> {
  await db.alertRule.updateMany({ where: { dimension: { not: 'exhaustion' } }, data: { forSeconds: 0 } });
}
