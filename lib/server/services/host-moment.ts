import 'server-only';
import { processInfo, uidUsage } from '../../protocol/report';
import { z } from 'zod';
import type { Db } from '../db/client';

/** The report closest to a moment (at or before it, else the first after): who held what, then. */
export async function hostMoment(db: Db, hostId: string, at: Date) {
  const pick = { collectedAt: true, processes: true, uids: true } as const;
  const row = (await db.report.findFirst({ where: { hostId, collectedAt: { lte: at } }, orderBy: { collectedAt: 'desc' }, select: pick }))
    ?? (await db.report.findFirst({ where: { hostId, collectedAt: { gt: at } }, orderBy: { collectedAt: 'asc' }, select: pick }));
  if (!row) return null;
  return {
    at: row.collectedAt,
    processes: z.array(processInfo).catch([]).parse(row.processes),
    uids: z.array(uidUsage).catch([]).parse(row.uids),
  };
}
