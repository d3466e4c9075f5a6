import 'server-only';
import type { Db, Tx } from '../server/db/client';
import { AppError, assertId } from '../server/errors';
import { hostCache } from '../ingest';

/**
 * Removes a host and everything kept about it (history, samples, rollups,
 * alerts and their events, silences on it): a decommissioned or renamed host
 * otherwise stays silent, and alerting, forever. If its agent still runs, the
 * next report brings it back as a new host.
 */
export async function removeHostRows(tx: Tx, id: string, confirmName?: string): Promise<{ id: string; name: string }> {
  assertId(id, 'host');
  const host = await tx.host.findUnique({ where: { id }, select: { id: true, name: true } });
  if (!host) throw new AppError('not_found', 'no such host');
  // The name as stored, not as the form that asked showed it.
  if (confirmName !== undefined && confirmName.trim() !== host.name) throw new AppError('bad_request', 'type the host name to confirm');
  // deleteMany: a removal racing another (two tabs, two admins) is "no such host", not a server error.
  const { count } = await tx.host.deleteMany({ where: { id } });
  if (count === 0) throw new AppError('not_found', 'no such host');
  return host;
}

/** This replica forgets the host's id once it is gone; others find out on their next report for the name (write-batch.ts). */
export const forgetHost = (db: Db, name: string): void => { hostCache(db).delete(name); };

/** removeHostRows on its own, then forgetHost. */
export async function deleteHost(db: Db, id: string, confirmName?: string): Promise<{ id: string; name: string }> {
  const host = await removeHostRows(db, id, confirmName);
  forgetHost(db, host.name);
  return host;
}
