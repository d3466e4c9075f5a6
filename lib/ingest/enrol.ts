import 'server-only';
import type { Sql } from '../server/db/raw';
import type { Prepared } from './prepare';

export interface Enrolment {
  /** For each new host name: the token that enrols it (null: its reports came with none, as in tests). */
  by: Map<string, string | null>;
  /** New host names refused, each with why: every token it came with has enrolled as many hosts as it may. */
  refused: Map<string, string>;
}

interface Token { id: string; name: string }

/**
 * Which token enrols each new host among a batch's reports (those whose host
 * the cache did not know), and which new hosts are refused.
 *
 * - Names already in the host table pass, unlocked: the limit stops
 *   enrolment, never reporting.
 * - Limits are read from the token rows, not from the 5 s token cache, and
 *   the limited ones are locked (in id order) for the rest of the
 *   transaction: batches enrolling under one limited token, on any replica,
 *   count and insert one at a time, and a limit just set or lowered holds.
 * - A name that came with several tokens in one batch is enrolled by the
 *   first, in report order, with room.
 */
export async function enrolNewHosts(tx: Sql, reports: Prepared[]): Promise<Enrolment> {
  const by = new Map<string, string | null>();
  const refused = new Map<string, string>();
  const tokensOf = new Map<string, Token[]>();
  for (const p of [...reports].sort((a, b) => a.at - b.at)) {
    const list = tokensOf.get(p.r.host.name) ?? [];
    if (p.enrol && !list.some((t) => t.id === p.enrol!.tokenId)) list.push({ id: p.enrol.tokenId, name: p.enrol.tokenName });
    tokensOf.set(p.r.host.name, list);
  }
  const unknown = async (names: string[]) => {
    const found = await tx.$queryRawUnsafe<{ name: string }[]>('SELECT name FROM host WHERE name = ANY($1::text[])', names);
    const have = new Set(found.map((r) => r.name));
    return names.filter((n) => !have.has(n));
  };
  let fresh = await unknown([...tokensOf.keys()]);
  if (fresh.length === 0) return { by, refused };

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
  for (const name of fresh.sort()) {
    const tokens = tokensOf.get(name)!;
    if (tokens.length === 0) { by.set(name, null); continue; }
    const room = tokens.find((t) => { const max = limit.get(t.id) ?? null; return max === null || (enrolled.get(t.id) ?? 0) < max; });
    if (room) {
      by.set(name, room.id);
      enrolled.set(room.id, (enrolled.get(room.id) ?? 0) + 1);
      continue;
    }
    const t = tokens[0]!;
    const max = limit.get(t.id)!;
    refused.set(name, `token "${t.name}" has enrolled the ${max} host${max === 1 ? '' : 's'} it may: `
      + 'delete one of them, raise its limit (headroom token limit), or enrol this host with another token');
  }
  return { by, refused };
}
