// The first half of a batch's plan, pure: which host rows it writes, which new
// hosts it enrols under which token (or refuses), and its report rows. The
// database then answers what only it can decide across replicas: the id a new
// host gets and which reports it already holds (write-batch.ts).
import type { Prepared } from './prepare';

export interface Token { id: string; name: string }

/** What the writer read of the hosts the cache missed: their rows, and their tokens' limits. */
export interface EnrolmentRead {
  /** Names that no host row has (read again under the token locks, when a limit applies). */
  unknown: string[];
  /** Each token's host limit (null: none), read from its row, not from the token cache. */
  limits: ReadonlyMap<string, number | null>;
  /** Hosts each limited token has enrolled, counted under its lock. */
  enrolled: ReadonlyMap<string, number>;
}

export const NOTHING_READ: EnrolmentRead = { unknown: [], limits: new Map(), enrolled: new Map() };

export interface HostUpsert {
  /** The newest report of the host in the batch: its facts are written. */
  p: Prepared;
  /** A new host: the token enrolling it. A known one: its report's, kept only if none is recorded yet. */
  enrolledBy: string | null;
}

export interface HostsPlan {
  items: Prepared[];
  /** Ids the cache holds, for hosts whose facts are unchanged. */
  cached: Map<string, string>;
  /** Host rows to write, one per name, in name order (concurrent batches lock host rows in one order). */
  upserts: HostUpsert[];
  /** New host names refused, each with why: their token has enrolled as many hosts as it may. */
  refused: Map<string, string>;
  /** One report row per host and collection time (a resend inside the batch is a duplicate too). */
  reports: Prepared[];
  /** `name|at` to the index of its first report in `items`: the others are answered as duplicates. */
  firstOf: Map<string, number>;
}

type Cache = ReadonlyMap<string, { id: string; key: string }>;

/** Reports whose host the cache does not know with these facts: their host rows are written. */
export function cacheMisses(items: Prepared[], cache: Cache): Prepared[] {
  return items.filter((p) => cache.get(p.r.host.name)?.key !== p.hostKey);
}

/** Each name's tokens, in collection order: the first with room enrols it. */
export function tokensByName(reports: Prepared[]): Map<string, Token[]> {
  const out = new Map<string, Token[]>();
  for (const p of [...reports].sort((a, b) => a.at - b.at)) {
    const list = out.get(p.r.host.name) ?? [];
    if (p.enrol && !list.some((t) => t.id === p.enrol!.tokenId)) list.push({ id: p.enrol.tokenId, name: p.enrol.tokenName });
    out.set(p.r.host.name, list);
  }
  return out;
}

export function planHosts(items: Prepared[], cache: Cache, read: EnrolmentRead): HostsPlan {
  const cached = new Map<string, string>();
  const newest = new Map<string, Prepared>();
  const missed: Prepared[] = [];
  for (const p of items) {
    const c = cache.get(p.r.host.name);
    if (c && c.key === p.hostKey) { cached.set(p.r.host.name, c.id); continue; }
    missed.push(p);
    const seen = newest.get(p.r.host.name);
    if (!seen || seen.at <= p.at) newest.set(p.r.host.name, p);
  }
  const { by, refused } = planEnrolment(tokensByName(missed), read);
  const upserts = [...newest.values()].filter((p) => !refused.has(p.r.host.name))
    .sort((a, b) => (a.r.host.name < b.r.host.name ? -1 : 1))
    .map((p) => ({ p, enrolledBy: by.has(p.r.host.name) ? by.get(p.r.host.name)! : p.enrol?.tokenId ?? null }));
  const firstOf = new Map<string, number>();
  items.forEach((p, i) => {
    const k = `${p.r.host.name}|${p.at}`;
    if (!refused.has(p.r.host.name) && !firstOf.has(k)) firstOf.set(k, i);
  });
  return { items, cached, upserts, refused, reports: [...firstOf.values()].map((i) => items[i]!), firstOf };
}

/**
 * Which token enrols each new host, and which new hosts are refused. Names
 * already in the host table pass: the limit stops enrolment, never
 * reporting. A name that came with several tokens is enrolled by the first,
 * in collection order, with room.
 */
export function planEnrolment(tokensOf: ReadonlyMap<string, Token[]>, read: EnrolmentRead): { by: Map<string, string | null>; refused: Map<string, string> } {
  const by = new Map<string, string | null>();
  const refused = new Map<string, string>();
  const enrolled = new Map(read.enrolled);
  for (const name of [...read.unknown].sort()) {
    const tokens = tokensOf.get(name) ?? [];
    if (tokens.length === 0) { by.set(name, null); continue; }
    const room = tokens.find((t) => { const max = read.limits.get(t.id) ?? null; return max === null || (enrolled.get(t.id) ?? 0) < max; });
    if (room) {
      by.set(name, room.id);
      enrolled.set(room.id, (enrolled.get(room.id) ?? 0) + 1);
      continue;
    }
    const t = tokens[0]!;
    const max = read.limits.get(t.id)!;
    refused.set(name, `token "${t.name}" has enrolled the ${max} host${max === 1 ? '' : 's'} it may: `
      + 'delete one of them, raise its limit (headroom token limit), or enrol this host with another token');
  }
  return { by, refused };
}
