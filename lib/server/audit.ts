import 'server-only';
import type { Db } from './db/client';

/** Records an admin action: who, what, on what, when. */
export async function audit(db: Pick<Db, 'auditEvent'>, actor: string, action: string, target: string | null = null, detail: object | null = null): Promise<void> {
  await db.auditEvent.create({ data: { actor, action, target, detail: detail ?? undefined } });
}

export const listAudit = (db: Db, limit = 200) => db.auditEvent.findMany({ orderBy: { at: 'desc' }, take: limit });
