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
