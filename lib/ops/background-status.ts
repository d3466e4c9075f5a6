import 'server-only';
import type { Db } from '../server/db/client';
import type { Heartbeat } from '../alerts';
import { EVALUATED_KEY } from '../alerts';
import { rollupWatermark } from '../history';

// The rollup job moves its watermark every 30 s to about three minutes ago.
// Far behind that, no process is doing the background work: alert evaluation
// and delivery run beside it in every worker, so nothing is being alerted on.
// That is how a fleet of web processes all started with HEADROOM_WORKER=0
// would fail: silently. The dashboard and /metrics say so instead.
// Evaluation can also fail alone (a worker whose rollups run while every
// round throws): its own heartbeat, written by each committed round, says so.
export const BEHIND_AFTER_S = 10 * 60;

export interface BackgroundStatus {
  /** Seconds since the background work last moved forward; null when it has nothing to be behind on yet. */
  lagSeconds: number | null;
  /** No background work at all: no worker runs. */
  behind: boolean;
  /** Seconds since an alert evaluation round last committed; null without hosts. */
  evaluationLagSeconds: number | null;
  /** Evaluation stalled (with or without the rest of the background work). */
  evaluationBehind: boolean;
}

export async function backgroundStatus(db: Db, now = new Date()): Promise<BackgroundStatus> {
  const [wm, evaluated, first] = await Promise.all([
    rollupWatermark(db),
    db.setting.findUnique({ where: { key: EVALUATED_KEY } }),
    db.host.aggregate({ _min: { createdAt: true } }),
  ]);
  const firstHost = first._min.createdAt;
  const ago = (since: Date) => Math.max(0, (now.getTime() - since.getTime()) / 1000);
  // Never ran: behind once the first host has been waiting for it long enough.
  const since = wm ?? firstHost;
  const lagSeconds = since ? ago(since) : null;
  // Without hosts there is nothing to alert on, so nothing to be late with; a
  // round from before the first host (or the install's seed) counts from it.
  const at = (evaluated?.value as Heartbeat | null)?.at;
  const evaluationLagSeconds = firstHost ? ago(new Date(Math.max(firstHost.getTime(), at ? Date.parse(at) : 0))) : null;
  return {
    lagSeconds,
    behind: lagSeconds !== null && lagSeconds > BEHIND_AFTER_S,
    evaluationLagSeconds,
    evaluationBehind: evaluationLagSeconds !== null && evaluationLagSeconds > BEHIND_AFTER_S,
  };
}
