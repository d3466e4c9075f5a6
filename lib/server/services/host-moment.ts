import 'server-only';
import { z } from 'zod';
import { processInfo } from '../../protocol/report';
import type { Db } from '../db/client';
import { unflattenUids, unpackProcesses } from '../ingest/samples';
import { userNames } from './user-names';

/** Who held what at a moment: the top processes and per-user counts stored nearest to it (at or before, else the first after). */
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
    processes: z.array(processInfo).catch([]).parse(unpackProcesses(p?.processes)),
    uids: u ? unflattenUids(u.uids, await userNames(db, hostId)) : [],
  };
}
