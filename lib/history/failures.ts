import 'server-only';
import { z } from 'zod';
import { failureCount, failureSample, type FailureErrno } from '../protocol';
import { failureDimension } from '../risk';
import type { DimensionKey } from '../dimensions';
import type { Db } from '../server/db/client';

/** One line of a report's failure counts, at the newest time its samples give (else the report's). */
export interface FailureEvent {
  at: number; call: string; errno: FailureErrno; program: string; pid: number; uid: number | null;
  containerName: string | null; count: number; dimension: DimensionKey;
}

const counts = z.array(failureCount).catch([]);
const samples = z.array(failureSample).catch([]);

/**
 * A host's failed calls in [from, to], newest first, at most `max` lines, and
 * the totals over the whole window (lines past `max` included), with the
 * events the trace buffer lost.
 */
export async function hostFailures(db: Db, hostId: string, from: Date, to: Date, max = 100) {
  const rows = await db.failure.findMany({ where: { hostId, collectedAt: { gte: from, lte: to } }, orderBy: { collectedAt: 'desc' } });
  const events: FailureEvent[] = [];
  let total = 0;
  let dropped = 0;
  for (const r of rows) {
    total += r.total;
    dropped += r.dropped;
    const seen = samples.parse(r.samples);
    for (const c of counts.parse(r.counts)) {
      const times = seen.filter((s) => s.call === c.call && s.errno === c.errno && s.pid === c.pid && s.program === c.program).map((s) => Date.parse(s.at));
      events.push({ ...c, at: times.length ? Math.max(...times) : r.collectedAt.getTime(), dimension: failureDimension(c.call, c.errno) });
    }
  }
  events.sort((a, b) => b.at - a.at);
  return { events: events.slice(0, max), lines: events.length, total, dropped };
}

export type HostFailures = Awaited<ReturnType<typeof hostFailures>>;
