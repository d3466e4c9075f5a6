import 'server-only';
import { z } from 'zod';
import { processInfo } from '../../protocol/report';
import type { Db } from '../db/client';
import { unflattenUids, unpackProcesses } from '../ingest/samples';
import { userNames } from './user-names';

type Delegate = { findFirst(args: { where: object; orderBy: object }): Promise<{ collectedAt: Date } | null> };

/** The sample closest to a moment: the last at or before it, else the first after. */
async function nearest<T extends { collectedAt: Date }>(d: Delegate, hostId: string, at: Date): Promise<T | null> {
  return ((await d.findFirst({ where: { hostId, collectedAt: { lte: at } }, orderBy: { collectedAt: 'desc' } }))
    ?? (await d.findFirst({ where: { hostId, collectedAt: { gt: at } }, orderBy: { collectedAt: 'asc' } }))) as T | null;
}

/** Who held what at a moment: the top processes and per-user counts stored nearest to it. */
export async function hostMoment(db: Db, hostId: string, at: Date) {
  const [p, u] = await Promise.all([
    nearest<{ collectedAt: Date; processes: unknown }>(db.processSample as unknown as Delegate, hostId, at),
    nearest<{ collectedAt: Date; uids: number[] }>(db.uidSample as unknown as Delegate, hostId, at),
  ]);
  if (!p && !u) return null;
  return {
    at: p?.collectedAt ?? u!.collectedAt,
    processes: z.array(processInfo).catch([]).parse(unpackProcesses(p?.processes)),
    uids: u ? unflattenUids(u.uids, await userNames(db, hostId)) : [],
  };
}
