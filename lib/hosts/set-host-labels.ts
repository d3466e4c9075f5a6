import 'server-only';
import { z } from 'zod';
import { hostLabel } from '../protocol';
import type { Db } from '../server/db/client';
import { AppError, assertId, zodIssues } from '../server/errors';

export const hostLabelsInput = z.array(hostLabel).max(20);

/** Sets the labels admins give a host (its agent's own labels stay as reported). */
export async function setHostLabels(db: Db, id: string, labels: unknown) {
  assertId(id, 'host');
  const parsed = hostLabelsInput.safeParse(labels);
  if (!parsed.success) throw new AppError('bad_request', 'invalid labels', zodIssues(parsed.error.issues));
  if (!(await db.host.findUnique({ where: { id } }))) throw new AppError('not_found', 'no such host');
  return db.host.update({ where: { id }, data: { labels: [...new Set(parsed.data)].sort() }, select: { id: true, labels: true, agentLabels: true } });
}
