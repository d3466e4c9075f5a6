import 'server-only';
import type { Sql } from '../server/db/raw';
import type { EnrolmentRead, Owners, Token } from './plan-hosts';

/**
 * What enrolment needs to know of the new names among a batch's reports
 * (plan-hosts.ts decides). Limits are read from the token rows, not from the
 * 5 s token cache, and the limited ones are locked (in id order) for the rest
 * of the transaction: batches enrolling under one limited token, on any
 * replica, count and insert one at a time, and a limit just set or lowered holds.
 */
export async function readEnrolment(tx: Sql, tokensOf: ReadonlyMap<string, Token[]>, owners: Owners): Promise<EnrolmentRead> {
  const unknown = async (names: string[]) => {
    const found = await tx.$queryRawUnsafe<{ name: string }[]>('SELECT name FROM host WHERE name = ANY($1::text[])', names);
    const have = new Set(found.map((r) => r.name));
    return names.filter((n) => !have.has(n));
  };
  let fresh = [...tokensOf.keys()].filter((n) => !owners.has(n));
  if (fresh.length === 0) return { unknown: [], limits: new Map(), enrolled: new Map() };

  const ids = [...new Set(fresh.flatMap((n) => tokensOf.get(n)!.map((t) => t.id)))].sort();
  const limits = async (lock: boolean, of: string[]) => new Map((await tx.$queryRawUnsafe<{ id: string; max: number | null }[]>(
    `SELECT id::text AS id, max_hosts AS max FROM api_token WHERE id = ANY($1::uuid[]) ORDER BY id${lock ? ' FOR UPDATE' : ''}`, of)).map((r) => [r.id, r.max]));
  let limit = await limits(false, ids);
  const limited = [...limit].filter(([, max]) => max !== null).map(([id]) => id);
  const enrolled = new Map<string, number>();
  if (limited.length > 0) {
    limit = new Map([...limit, ...(await limits(true, limited))]);
    fresh = await unknown(fresh); // enrolled by a batch that held the lock before this one
    const counts = await tx.$queryRawUnsafe<{ id: string; n: number }[]>(
      'SELECT enrolled_by::text AS id, count(*)::int AS n FROM host WHERE enrolled_by = ANY($1::uuid[]) GROUP BY 1', limited);
    for (const c of counts) enrolled.set(c.id, c.n);
  }
  return { unknown: fresh, limits: limit, enrolled };
}

/**
 * The token each of these hosts belongs to, read in the batch's transaction
 * (not from a cache): a host moved to another token a moment ago, on any
 * replica, refuses its old token's next report. Names not returned are new.
 */
export async function readOwners(tx: Sql, names: string[]): Promise<Map<string, string | null>> {
  if (names.length === 0) return new Map();
  const rows = await tx.$queryRawUnsafe<{ name: string; owner: string | null }[]>(
    'SELECT name, enrolled_by::text AS owner FROM host WHERE name = ANY($1::text[])', names);
  return new Map(rows.map((r) => [r.name, r.owner]));
}
