import 'server-only';
import type { Db } from '../db/client';
import { AppError } from '../errors';
import { hashSecret, looksLikeToken, type TokenScope } from '../tokens';

export interface Principal { tokenId: string; name: string; scope: TokenScope; hostName: string | null }

// last_used_at is written at most once a minute per token: not a write per report.
const TOUCH_EVERY_MS = 60_000;

/** Checks `Authorization: Bearer <token>` for the scope a route needs. */
export async function authenticate(db: Db, authorization: string | null, scope: TokenScope, now = new Date()): Promise<Principal> {
  if (!authorization) throw new AppError('unauthorized', 'missing Authorization header: send "Authorization: Bearer <token>"');
  const m = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!m) throw new AppError('unauthorized', 'malformed Authorization header: expected "Bearer <token>"');
  const secret = m[1]!;
  if (!looksLikeToken(secret)) throw new AppError('unauthorized', 'invalid token');
  const row = await db.apiToken.findUnique({ where: { hash: hashSecret(secret) } });
  if (!row || row.revokedAt) throw new AppError('unauthorized', row ? 'token revoked' : 'invalid token');
  // An admin token also reads; nothing else stands in for another scope.
  const allowed = row.scope === scope || (scope === 'read' && row.scope === 'admin');
  if (!allowed) throw new AppError('forbidden', `this is a ${row.scope} token; this route needs a ${scope} token`);
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return { tokenId: row.id, name: row.name, scope: row.scope as TokenScope, hostName: row.hostName };
}
