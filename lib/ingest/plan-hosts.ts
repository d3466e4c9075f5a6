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
  /** Reports refused, by index in `items`: their token is not the one their host belongs to. */
  foreign: Map<number, string>;
  /** One report row per host and collection time (a resend inside the batch is a duplicate too). */
  reports: Prepared[];
  /** `name|at` to the index of its first report in `items`: the others are answered as duplicates. */
  firstOf: Map<string, number>;
}

type Cache = ReadonlyMap<string, { id: string; key: string }>;
/** Known host names and the token each belongs to (null: none recorded yet). */
export type Owners = ReadonlyMap<string, string | null>;

/**
 * The process's host cache, cut to the names this transaction's read found.
 * The cache can be newer than the read (another batch enrolled a name since):
 * trusted, a report would ride on that host without its owner being checked.
 */
export function seenCache(cache: Cache, owners: Owners): Map<string, { id: string; key: string }> {
  const out = new Map<string, { id: string; key: string }>();
  for (const name of owners.keys()) {
    const c = cache.get(name);
    if (c) out.set(name, c);
  }
  return out;
}

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

/**
 * `owners`: the token each known host belongs to (null: none recorded), as
 * read in the batch's transaction. A report under another token is refused,
 * and so is one for a new host that another token of the batch enrols.
 */
export function planHosts(items: Prepared[], cache: Cache, read: EnrolmentRead, owners: Owners = new Map()): HostsPlan {
  const foreign = new Map<number, string>();
  const refuseOthers = (owner: (name: string) => string | null | undefined) => items.forEach((p, i) => {
    const o = owner(p.r.host.name);
    if (p.enrol && o && o !== p.enrol.tokenId && !foreign.has(i)) foreign.set(i, notOwner(p.r.host.name));
  });
  refuseOthers((name) => owners.get(name));
  const open = items.filter((_, i) => !foreign.has(i));
  const { by, refused } = planEnrolment(tokensByName(cacheMisses(open, cache)), read);
  refuseOthers((name) => by.get(name));
  const kept = (p: Prepared, i: number) => !foreign.has(i) && !refused.has(p.r.host.name);

  const cached = new Map<string, string>();
  const newest = new Map<string, Prepared>();
  items.forEach((p, i) => {
    if (!kept(p, i)) return;
    const c = cache.get(p.r.host.name);
    // A host that belongs to no token yet is written once more, to take this report's.
    const adopts = p.enrol !== null && owners.get(p.r.host.name) === null;
    if (c && c.key === p.hostKey && !adopts) { cached.set(p.r.host.name, c.id); return; }
    const seen = newest.get(p.r.host.name);
    if (!seen || seen.at <= p.at) newest.set(p.r.host.name, p);
  });
  const upserts = [...newest.values()]
    .sort((a, b) => (a.r.host.name < b.r.host.name ? -1 : 1))
    .map((p) => ({ p, enrolledBy: by.has(p.r.host.name) ? by.get(p.r.host.name)! : p.enrol?.tokenId ?? null }));
  const firstOf = new Map<string, number>();
  items.forEach((p, i) => {
    const k = `${p.r.host.name}|${p.at}`;
    if (kept(p, i) && !firstOf.has(k)) firstOf.set(k, i);
  });
  return { items, cached, upserts, refused, foreign, reports: [...firstOf.values()].map((i) => items[i]!), firstOf };
}

/** The 403 of a report under a token its host does not belong to: it names neither the owner nor its token. */
export const notOwner = (name: string) => `host "${name}" belongs to another ingest token (the one that enrolled it): `
  + `an admin can move it to this token (the host's page, or headroom host move ${name} --token <this token>)`;

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
