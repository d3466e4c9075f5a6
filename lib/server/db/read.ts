import 'server-only';
// Reads that tolerate a few seconds of lag (the fleet, history, alert lists,
// /metrics) may go to a streaming replica (HEADROOM_READ_DATABASE_URL). Every
// write, ingest, alert evaluation and session stays on the primary. A replica
// that is down or too far behind is left for the primary, with one log line
// each time that changes.
import { env } from '../env';
import { createDb, db, type Db } from './client';

export interface ReplicaState { usable: boolean; lagSeconds: number | null; reason: string | null; checkedAt: number }

export interface ReadOptions {
  /** The caller just wrote (or must see the latest): read from the primary. */
  fresh?: boolean;
}

interface Replica { url: string; db: Db; state: ReplicaState; checking: Promise<void> | null; maxLagSeconds: number; checkEveryMs: number; log: (line: string) => void }

const CHECK_EVERY_MS = 2_000;

/** How far behind the replica is: 0 when it has applied all it received, else the age of its last applied transaction. */
async function measure(replica: Db): Promise<number> {
  const [row] = await replica.$queryRawUnsafe<{ recovering: boolean; lag: number | null }[]>(`
    SELECT pg_is_in_recovery() AS recovering,
      CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
           ELSE EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())::float8 END AS lag`);
  if (!row?.recovering) throw new Error('it is not a standby (pg_is_in_recovery() is false)');
  return row.lag ?? 0;
}

async function check(r: Replica, now: number): Promise<void> {
  const before = r.state.usable;
  let next: ReplicaState;
  try {
    const lag = await measure(r.db);
    next = lag <= r.maxLagSeconds
      ? { usable: true, lagSeconds: lag, reason: null, checkedAt: now }
      : { usable: false, lagSeconds: lag, reason: `it is ${Math.round(lag)} s behind (HEADROOM_READ_MAX_LAG is ${r.maxLagSeconds} s)`, checkedAt: now };
  } catch (err) {
    next = { usable: false, lagSeconds: null, reason: `it does not answer (${(err as Error).message.split('\n')[0]!.slice(0, 120)})`, checkedAt: now };
  }
  r.state = next;
  if (before !== next.usable) r.log(next.usable ? 'headroom: read replica is back; reads go to it again' : `headroom: read replica left out: ${next.reason}; reads go to the primary`);
}

/** The replica as seen at most CHECK_EVERY_MS ago; a check is started, never awaited, by readers. */
export function replicaOf(url: string, o: { maxLagSeconds: number; checkEveryMs?: number; log?: (line: string) => void }): { read(opts?: ReadOptions): Db; state(): ReplicaState; refresh(): Promise<void>; close(): Promise<void> } {
  const r: Replica = {
    url, db: createDb(url), checking: null, maxLagSeconds: o.maxLagSeconds, checkEveryMs: o.checkEveryMs ?? CHECK_EVERY_MS,
    log: o.log ?? ((line) => console.error(line)),
    // Unknown until the first check: the primary serves until then.
    state: { usable: false, lagSeconds: null, reason: 'not checked yet', checkedAt: 0 },
  };
  const start = () => {
    r.checking ??= check(r, Date.now()).finally(() => { r.checking = null; });
    return r.checking;
  };
  // A check that begins after the call: one already under way may predate what the caller changed.
  const refresh = async () => {
    if (r.checking) await r.checking;
    await start();
  };
  return {
    read(opts) {
      if (Date.now() - r.state.checkedAt > r.checkEveryMs) void start();
      return !opts?.fresh && r.state.usable ? r.db : db();
    },
    state: () => r.state,
    refresh,
    close: () => r.db.$disconnect(),
  };
}

const g = globalThis as { __headroomReplica?: ReturnType<typeof replicaOf> | null };

/** Lets in-process tests point lag-tolerant reads at their own standby (undefined: from the environment again). */
export function setReadReplicaForTests(r: ReturnType<typeof replicaOf> | null | undefined): void {
  g.__headroomReplica = r;
}

/** The client for a read that tolerates lag: the replica when one is set and fit, else the primary. */
export function readDb(opts?: ReadOptions): Db {
  if (g.__headroomReplica === undefined) {
    const e = env();
    g.__headroomReplica = e.HEADROOM_READ_DATABASE_URL ? replicaOf(e.HEADROOM_READ_DATABASE_URL, { maxLagSeconds: e.HEADROOM_READ_MAX_LAG }) : null;
  }
  return g.__headroomReplica ? g.__headroomReplica.read(opts) : db();
}
