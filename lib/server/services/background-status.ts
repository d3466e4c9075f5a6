import 'server-only';
import type { Db } from '../db/client';
import { rollupWatermark } from './rollup';

// The rollup job moves its watermark every 30 s to about three minutes ago.
// Far behind that, no process is doing the background work: alert evaluation
// and delivery run beside it in every worker, so nothing is being alerted on.
// That is how a fleet of web processes all started with HEADROOM_WORKER=0
// would fail: silently. The dashboard and /metrics say so instead.
export const BEHIND_AFTER_S = 10 * 60;

export interface BackgroundStatus {
  /** Seconds since the background work last moved forward; null when it has nothing to be behind on yet. */
  lagSeconds: number | null;
  behind: boolean;
}

export async function backgroundStatus(db: Db, now = new Date()): Promise<BackgroundStatus> {
  const wm = await rollupWatermark(db);
  // Never ran: behind once the first host has been waiting for it long enough.
  const since = wm ?? (await db.host.aggregate({ _min: { createdAt: true } }))._min.createdAt;
  if (!since) return { lagSeconds: null, behind: false };
  const lagSeconds = Math.max(0, (now.getTime() - since.getTime()) / 1000);
  return { lagSeconds, behind: lagSeconds > BEHIND_AFTER_S };
}
