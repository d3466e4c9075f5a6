// Silence is the host's fault only while the server was there to hear it.
// When no evaluation round committed for a while (the server, or every
// replica, was down or failing), hosts that were reporting when it stopped get
// the time their agents need to come back before they count as silent: a
// restart no longer announces the whole fleet silent and then back.
import { AGENT_MAX_RETRY_MS } from '../protocol';
import { DEFAULT_THRESHOLDS, type Thresholds } from '../risk';

export interface Pause { downSince: number; resumedAt: number }

/** What the evaluation heartbeat holds (setting `evaluation`). */
export interface Heartbeat { at?: string; downSince?: string; resumedAt?: string }

/** A gap between committed rounds longer than this is a pause. */
export const pauseAfterMs = (roundMs: number) => Math.max(60_000, 3 * roundMs);

/** The latest pause, given the previous round's heartbeat: a new one if that round was long ago. */
export function latestPause(prev: Heartbeat | null, now: number, roundMs: number): Pause | null {
  const at = Date.parse(prev?.at ?? '');
  if (Number.isFinite(at) && now - at > pauseAfterMs(roundMs)) return { downSince: at, resumedAt: now };
  const downSince = Date.parse(prev?.downSince ?? '');
  const resumedAt = Date.parse(prev?.resumedAt ?? '');
  return Number.isFinite(downSince) && Number.isFinite(resumedAt) ? { downSince, resumedAt } : null;
}

/**
 * When a host's silence counts from. A host already silent when the pause
 * began stays silent; one that was reporting, and has not since, counts as
 * heard at the end of its agent's longest backoff after the pause, and then
 * has the usual three intervals.
 */
export function heardAt(receivedAt: number, intervalSeconds: number, pause: Pause | null, t: Thresholds = DEFAULT_THRESHOLDS): number {
  if (!pause || receivedAt >= pause.resumedAt) return receivedAt;
  const silentBy = receivedAt + t.silentAfterIntervals * intervalSeconds * 1000;
  return silentBy < pause.downSince ? receivedAt : pause.resumedAt + AGENT_MAX_RETRY_MS;
}
