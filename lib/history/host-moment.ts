import 'server-only';
import { z } from 'zod';
import { byContainer, processInfo } from '../protocol';
import { dimensionColumns, type DimensionKey } from '../dimensions';
import type { Db } from '../server/db/client';
import { rawReports } from './compact';
import { unflattenUids, unpackProcesses } from '../ingest';
import { userNames } from '../access';

/**
 * Who held what at a moment: the top processes (with the use by container) and per-user counts stored
 * nearest to it (at or before, else the first after). The two are sampled
 * apart, so each comes with its own time.
 */
export async function hostMoment(db: Db, hostId: string, at: Date) {
  const before = { where: { hostId, collectedAt: { lte: at } }, orderBy: { collectedAt: 'desc' as const } };
  const after = { where: { hostId, collectedAt: { gt: at } }, orderBy: { collectedAt: 'asc' as const } };
  const [p, u] = await Promise.all([
    db.processSample.findFirst(before).then((r) => r ?? db.processSample.findFirst(after)),
    db.uidSample.findFirst(before).then((r) => r ?? db.uidSample.findFirst(after)),
  ]);
  if (!p && !u) return null;
  return {
    at: p?.collectedAt ?? u!.collectedAt,
    processesAt: p?.collectedAt ?? null,
    uidsAt: u?.collectedAt ?? null,
    processes: z.array(processInfo).catch([]).parse(unpackProcesses(p?.processes)),
    containers: byContainer.nullable().catch(null).parse(p?.containers ?? null),
    uids: u ? unflattenUids(u.uids, await userNames(db, hostId)) : [],
  };
}


/**
 * When a dimension peaked within [from, to], from the raw reports: a chart
 * point on a long range is a bucket's maximum, and the processes that made it
 * are those of that report, not of the bucket's start or end. Null when no raw
 * report is left there (past the raw window).
 */
export async function peakWithin(db: Db, hostId: string, dimension: DimensionKey, from: Date, to: Date): Promise<Date | null> {
  const [row] = await db.$queryRawUnsafe<{ at: Date }[]>(`
    SELECT collected_at AS at FROM ${rawReports}
    ORDER BY ${dimensionColumns[dimension].used} DESC, collected_at DESC LIMIT 1`, hostId, from.toISOString(), to.toISOString());
  return row ? new Date(row.at) : null;
}
