import 'server-only';
import type { Db, Tx } from '../server/db/client';
import { forgetTokens } from './authenticate';
import { activeTokenByRef } from './token-ref';

/** Marks the token an id, exact name or display prefix names as revoked; effective once forgetTokens runs after the commit. */
export async function revokeTokenRow(db: Tx, ref: string): Promise<{ id: string; name: string }> {
  const t = await activeTokenByRef(db, ref);
  await db.apiToken.update({ where: { id: t.id }, data: { revokedAt: new Date() } });
  return { id: t.id, name: t.name };
}

/** Revokes by id, exact name or display prefix; takes effect on this replica's next request, on others within TOKEN_CACHE_MS. */
export async function revokeToken(db: Db, ref: string): Promise<{ id: string; name: string }[]> {
  const t = await revokeTokenRow(db, ref);
  forgetTokens(db);
  return [t];
}
