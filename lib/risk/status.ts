import type { Status } from '../protocol/api';
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

const rank: Record<Status, number> = { critical: 3, silent: 2, warning: 1, ok: 0 };

/** Worst first: critical, silent, warning, ok; then by used fraction. */
export function compareWorstFirst(a: { status: Status; worstFraction: number }, b: { status: Status; worstFraction: number }): number {
  return rank[b.status] - rank[a.status] || b.worstFraction - a.worstFraction;
}
