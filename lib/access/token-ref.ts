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
