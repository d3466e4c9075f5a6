import 'server-only';
import { z } from 'zod';
import { ingestTokenByRef } from '../access';
import type { Tx } from '../server/db/client';
import { AppError } from '../server/errors';

const at = z.preprocess((v) => (typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v) ? new Date(v) : v), z.date({ error: 'must be a time (ISO 8601)' }));

/**
 * The hosts a token enrolled in a window: `from` the token (revoked ones
 * too), `after` (null: any time) up to `before`, the moment the admin looked,
 * so hosts a flood adds after the preview are not removed unseen.
 */
export const removeEnrolledInput = z.strictObject({
  from: z.string({ error: 'required' }).trim().min(1, 'required'),
  after: at.nullish().transform((v) => v ?? null),
  before: at,
}).refine((v) => v.after === null || v.after < v.before, { message: 'must be before the end of the window', path: ['after'] });

export type RemoveEnrolledInput = z.output<typeof removeEnrolledInput>;

/** How many names a preview or an audit row lists. */
export const LISTED = 50;

export interface EnrolledHosts { token: { id: string; name: string }; count: number; hosts: { id: string; name: string }[] }

const where = (tokenId: string, w: Pick<RemoveEnrolledInput, 'after' | 'before'>) =>
  ({ enrolledBy: tokenId, createdAt: { ...(w.after ? { gt: w.after } : {}), lte: w.before } });

/** What removeEnrolledHosts would remove: the count and the first names, newest first. */
export async function enrolledHosts(db: Tx, input: z.input<typeof removeEnrolledInput>): Promise<EnrolledHosts> {
  const w = removeEnrolledInput.parse(input);
  const token = await ingestTokenByRef(db, w.from, { revoked: true });
  const [count, hosts] = await Promise.all([
    db.host.count({ where: where(token.id, w) }),
    db.host.findMany({ where: where(token.id, w), select: { id: true, name: true }, orderBy: { createdAt: 'desc' }, take: LISTED }),
  ]);
  return { token: { id: token.id, name: token.name }, count, hosts };
}

/**
 * Removes every host a token enrolled in the window, with all kept about
 * them: the way out of a flood of made-up hosts from a leaked token (revoke
 * it too, or its agents enrol them again). Every removed host is returned.
 */
export async function removeEnrolledHosts(tx: Tx, w: RemoveEnrolledInput): Promise<{ token: { id: string; name: string }; hosts: { id: string; name: string }[] }> {
  const token = await ingestTokenByRef(tx, w.from, { revoked: true });
  const hosts = await tx.host.findMany({ where: where(token.id, w), select: { id: true, name: true }, orderBy: { name: 'asc' } });
  if (hosts.length === 0) throw new AppError('not_found', `token "${token.name}" enrolled no host in that window`);
  await tx.host.deleteMany({ where: { id: { in: hosts.map((h) => h.id) } } });
  return { token: { id: token.id, name: token.name }, hosts };
}
