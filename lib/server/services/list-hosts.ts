import 'server-only';
import type { HostSummary } from '../../protocol/api';
import { compareWorstFirst } from '../../risk';
import type { Db } from '../db/client';
import { hostRowSelect, toSummary } from './host-summary';

/** Every host with its current status, worst first. Reads the current-state table only. */
export async function listHosts(db: Db, now = new Date()): Promise<HostSummary[]> {
  const rows = await db.host.findMany({ select: hostRowSelect });
  return rows.map((h) => toSummary(h, now)).sort((a, b) => compareWorstFirst(a, b) || a.name.localeCompare(b.name));
}
