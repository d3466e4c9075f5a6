import 'server-only';
import type { Tx } from '../server/db/client';
import { AppError, isId } from '../server/errors';

/** The one active token an id, exact name or display prefix names (as the CLI and forms give them). */
export async function activeTokenByRef(db: Tx, ref: string): Promise<{ id: string; name: string; scope: string }> {
  const matches = await db.apiToken.findMany({
    where: { revokedAt: null, OR: [...(isId(ref) ? [{ id: ref }] : []), { name: ref }, { prefix: ref }] },
    select: { id: true, name: true, scope: true },
  });
  if (matches.length === 0) throw new AppError('not_found', `no active token matches "${ref}"`);
  if (matches.length > 1) throw new AppError('bad_request', `"${ref}" matches ${matches.length} tokens; name it by id`);
  return matches[0]!;
}

/**
 * The ingest token a ref names, for moving hosts to or from it. `revoked`:
 * also a revoked one (the hosts of a leaked token move to its replacement);
 * an active one wins over a revoked one of the same name.
 */
export async function ingestTokenByRef(db: Tx, ref: string, o: { revoked?: boolean } = {}) {
  const matches = await db.apiToken.findMany({
    where: { ...(o.revoked ? {} : { revokedAt: null }), OR: [...(isId(ref) ? [{ id: ref }] : []), { name: ref }, { prefix: ref }] },
    select: { id: true, name: true, scope: true, maxHosts: true, revokedAt: true },
    orderBy: { createdAt: 'desc' },
  });
  const active = matches.filter((t) => t.revokedAt === null);
  const found = active.length > 0 ? active : matches;
  if (found.length === 0) throw new AppError('not_found', `no ${o.revoked ? '' : 'active '}token matches "${ref}"`);
  if (found.length > 1) throw new AppError('bad_request', `"${ref}" matches ${found.length} tokens; name it by id`);
  const t = found[0]!;
  if (t.scope !== 'ingest') throw new AppError('bad_request', `"${t.name}" is a ${t.scope} token: hosts belong to ingest tokens`);
  return t;
}
