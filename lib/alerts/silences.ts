import 'server-only';
import type { Db, Tx } from '../server/db/client';
import type { SilenceInput } from '../protocol';
import { AppError, assertId } from '../server/errors';

export { silenceInput, type SilenceInput } from '../protocol';

export async function createSilence(db: Tx, input: SilenceInput, createdBy: string, now = new Date()) {
  if (input.hostId && !(await db.host.findUnique({ where: { id: input.hostId } }))) throw new AppError('not_found', 'no such host');
  return db.silence.create({ data: { hostId: input.hostId, label: input.label, startsAt: input.startsAt ?? now, endsAt: input.endsAt, reason: input.reason, createdBy } });
}

/** Ends a silence now (kept for the record). */
export async function expireSilence(db: Tx, id: string, now = new Date()) {
  assertId(id, 'silence');
  const s = await db.silence.findUnique({ where: { id } });
  if (!s) throw new AppError('not_found', 'no such silence');
  return db.silence.update({ where: { id }, data: { endsAt: s.endsAt < now ? s.endsAt : now } });
}

export async function listSilences(db: Db, now = new Date(), includeEnded = false) {
  return db.silence.findMany({
    where: includeEnded ? {} : { endsAt: { gt: now } },
    orderBy: { endsAt: 'desc' },
    include: { host: { select: { name: true } } },
    take: 500,
  });
}

/** Silences that covered a host (directly or through one of its labels) during [from, to]. */
export async function hostSilences(db: Db, hostId: string, labels: string[], from: Date, to: Date) {
  return db.silence.findMany({
    where: { startsAt: { lte: to }, endsAt: { gte: from }, OR: [{ hostId }, ...(labels.length ? [{ label: { in: labels } }] : [])] },
    orderBy: { startsAt: 'asc' },
    take: 100,
  });
}
