import 'server-only';
import type { Db } from '../db/client';

export async function listTokens(db: Db) {
  return db.apiToken.findMany({
    orderBy: { createdAt: 'asc' },
    select: { id: true, name: true, scope: true, prefix: true, hostName: true, createdAt: true, lastUsedAt: true, revokedAt: true },
  });
}
