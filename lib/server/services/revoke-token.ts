import 'server-only';
import type { Db } from '../db/client';
import { AppError } from '../errors';
import { forgetTokens } from './authenticate';

/** Revokes by id, exact name or display prefix; takes effect on this replica's next request, on others within TOKEN_CACHE_MS. */
export async function revokeToken(db: Db, ref: string): Promise<{ id: string; name: string }[]> {
  const isUuid = /^[0-9a-f-]{36}$/i.test(ref);
  const matches = await db.apiToken.findMany({
    where: { revokedAt: null, OR: [...(isUuid ? [{ id: ref }] : []), { name: ref }, { prefix: ref }] },
    select: { id: true, name: true },
  });
  if (matches.length === 0) throw new AppError('not_found', `no active token matches "${ref}"`);
  if (matches.length > 1) throw new AppError('bad_request', `"${ref}" matches ${matches.length} tokens; revoke by id`);
  await db.apiToken.update({ where: { id: matches[0]!.id }, data: { revokedAt: new Date() } });
  forgetTokens(db);
  return matches;
}
