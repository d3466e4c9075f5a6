import 'server-only';
import { z } from 'zod';
import { failureCount, failureSample, type FailureErrno } from '../protocol';
import { captureState, failureAdvice, failureDimension, type RecentFailure } from '../risk';
import { AppError, assertId } from '../server/errors';
import { userNames } from '../access';
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

/**
 * GET /api/v1/hosts/{id}/failures: the host's failed calls in [from, to] as
 * the host page lists them, each with the limit it ran into and the advice,
 * and what the newest report says of capture.
 */
export async function hostFailuresAnswer(db: Db, id: string, from: Date, to: Date) {
  assertId(id, 'host');
  const host = await db.host.findUnique({ where: { id }, select: { id: true, name: true, latestReport: { select: { report: true } } } });
  if (!host) throw new AppError('not_found', 'no such host');
  const [found, names] = await Promise.all([hostFailures(db, id, from, to, 1000), userNames(db, id)]);
  const latest = (host.latestReport?.report as { failures?: Parameters<typeof captureState>[0] } | undefined)?.failures;
  return {
    host: { id: host.id, name: host.name }, from: from.toISOString(), to: to.toISOString(),
    capture: captureState(latest),
    total: found.total, dropped: found.dropped, lines: found.lines,
    failures: found.events.map(({ at, dimension, ...e }) => ({
      at: new Date(at).toISOString(), ...e, user: e.uid === null ? null : names.get(e.uid) ?? null, limit: dimension, advice: failureAdvice[dimension],
    })),
  };
}

/** Every host's failed calls by call and errno since it enrolled (failure_total): /metrics' counter. */
export async function failureTotals(db: Db): Promise<{ host: string; call: string; errno: string; count: number }[]> {
  return db.$queryRawUnsafe(`SELECT h.name AS host, t.call, t.errno, t.count::float8 AS count FROM failure_total t JOIN host h ON h.id = t.host_id ORDER BY 1, 2, 3`);
}

/** Each host's failed calls since `since`, and the biggest line of its newest report that had any: for the alert round. */
export async function recentFailures(db: Db, since: Date): Promise<Map<string, RecentFailure>> {
  const rows = await db.$queryRawUnsafe<{ host_id: string; total: number; counts: unknown }[]>(`
    SELECT DISTINCT ON (host_id) host_id::text, sum(total) OVER (PARTITION BY host_id)::int AS total, counts
    FROM failure WHERE collected_at > $1::timestamptz ORDER BY host_id, collected_at DESC`, since);
  const out = new Map<string, RecentFailure>();
  for (const r of rows) {
    const worst = counts.parse(r.counts).sort((a, b) => b.count - a.count)[0];
    if (worst && r.total > 0) out.set(r.host_id, { total: r.total, worst });
  }
  return out;
}
