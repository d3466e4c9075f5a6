import 'server-only';
import type { Tx } from '../server/db/client';
import { AppError, assertId } from '../server/errors';

/** Sets the labels admins give a host (its agent's own labels stay as reported); checked by hostLabelsInput. */
export async function setHostLabels(db: Tx, id: string, labels: string[]) {
  assertId(id, 'host');
  if (!(await db.host.findUnique({ where: { id } }))) throw new AppError('not_found', 'no such host');
  return db.host.update({ where: { id }, data: { labels: [...new Set(labels)].sort() }, select: { id: true, labels: true, agentLabels: true } });
}
