import 'server-only';
import type { Db } from '../db/client';
import { displayPrefix, hashSecret, newSecret, type TokenScope } from '../tokens';

export interface CreatedToken { id: string; name: string; scope: TokenScope; hostName: string | null; maxHosts: number | null; token: string }

/** Creates a token; the returned secret is the only copy there will ever be. */
export async function createToken(db: Db, input: { name: string; scope: TokenScope; hostName?: string | null; maxHosts?: number | null }): Promise<CreatedToken> {
  const token = newSecret(input.scope);
  const row = await db.apiToken.create({
    data: { name: input.name, scope: input.scope, hash: hashSecret(token), prefix: displayPrefix(token), hostName: input.hostName ?? null, maxHosts: input.maxHosts ?? null },
  });
  return { id: row.id, name: row.name, scope: input.scope, hostName: row.hostName, maxHosts: row.maxHosts, token };
}
