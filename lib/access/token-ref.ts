import 'server-only';
import type { Tx } from '../server/db/client';
import { AppError, isId } from '../server/errors';

/**
 * The one token an id, exact name or display prefix names (as the CLI and
 * forms give them): an active one, or with `revoked` also a revoked one, an
 * active one winning over a revoked one of the same name.
 */
async function tokenByRef(db: Tx, ref: string, o: { revoked?: boolean } = {}) {
  const matches = await db.apiToken.findMany({
    where: { ...(o.revoked ? {} : { revokedAt: null }), OR: [...(isId(ref) ? [{ id: ref }] : []), { name: ref }, { prefix: ref }] },
    select: { id: true, name: true, scope: true, maxHosts: true, revokedAt: true },
  });
  const active = matches.filter((t) => t.revokedAt === null);
  const found = active.length > 0 ? active : matches;
  if (found.length === 0) throw new AppError('not_found', `no ${o.revoked ? '' : 'active '}token matches "${ref}"`);
  if (found.length > 1) throw new AppError('bad_request', `"${ref}" matches ${found.length} tokens; name it by id`);
  return found[0]!;
}

/** The one active token a ref names. */
export const activeTokenByRef = (db: Tx, ref: string) => tokenByRef(db, ref);

/**
 * The ingest token a ref names, for moving hosts to or from it. `revoked`:
 * also a revoked one (the hosts of a leaked token move to its replacement).
 */
export async function ingestTokenByRef(db: Tx, ref: string, o: { revoked?: boolean } = {}) {
  const t = await tokenByRef(db, ref, o);
  if (t.scope !== 'ingest') throw new AppError('bad_request', `"${t.name}" is a ${t.scope} token: hosts belong to ingest tokens`);
  return t;
}
