import type { Status } from '../protocol';
import { levelOf } from './assess';
import { DEFAULT_THRESHOLDS, type Thresholds } from './thresholds';

/** A host's status now: silent when it missed enough report intervals, else the level of its worst dimension. */
export function statusOf(
  worstFraction: number,
  lastSeen: Date | null,
  intervalSeconds: number,
  now: Date,
  t: Thresholds = DEFAULT_THRESHOLDS,
): Status {
  if (!lastSeen) return 'silent';
  const silentMs = t.silentAfterIntervals * intervalSeconds * 1000;
  if (now.getTime() - lastSeen.getTime() > silentMs) return 'silent';
  return levelOf(worstFraction, t);
}

const rank = { ok: 0, warning: 1, critical: 2 } as const;

/**
 * A host's one status: a firing alert of a rule stricter than the fleet's
 * levels (a time to exhaustion, a label's own level) raises it to the alert's
 * severity. Silent stays silent: the figures, and the alerts, are stale.
 */
export function withFiringAlert(fromFigures: Status, alert: 'warning' | 'critical' | null): Status {
  if (fromFigures === 'silent' || alert === null) return fromFigures;
  return rank[alert] > rank[fromFigures] ? alert : fromFigures;
}
