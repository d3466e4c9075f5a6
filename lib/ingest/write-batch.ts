import 'server-only';
import type { IngestAccepted } from '../protocol';
import type { Db } from '../server/db/client';
import { isDistributed } from '../server/db/engine';
import { rawTransaction, type Sql } from '../server/db/raw';
import type { RowShape } from '../server/db/unnest';
import { mergeReportsIntoRollups, rollupWatermark } from '../history';
import {
  insertFailures, insertProcessSamples, insertReports, insertUidSamples, lockStates, recordMachineChanges, upsertDocuments, upsertStates,
} from './batch-statements';
import { readEnrolment, readOwners } from './enrol';
import type { Settled } from './group-commit';
import { hostCache, shardsOf, upsertHosts } from './hosts';
import { groupByShard } from './shard-groups';
import { hostsOf, planBatch } from './plan';
import { cacheMisses, NOTHING_READ, planHosts, seenCache, tokensByName } from './plan-hosts';
import type { Prepared } from './prepare';

const FOREIGN_KEY_VIOLATION = '23503';
type Cache = ReturnType<typeof hostCache>;

/** Another token enrolled a host of this batch between its read and its write: the batch runs again. */
class OwnerRace extends Error {}

/**
 * Writes a batch of reports in one transaction, a handful of statements
 * whatever its size (on Citus, one transaction per shard). Answers per report, in order. The plan comes in two
 * halves (plan-hosts.ts, plan.ts): between them the database decides what
 * only it can across replicas, the ids of new hosts and which reports are new.
 */
export async function writeBatch(db: Db, items: Prepared[]): Promise<Settled<IngestAccepted>[]> {
  if (!(await isDistributed(db))) return writeGroup(db, items, 'unnest');
  // On Citus: a transaction per shard, run side by side; the answers once all committed.
  const cache = hostCache(db);
  const shards = await shardsOf(db, items.flatMap((p) => cache.get(p.r.host.name)?.id ?? []));
  const groups = groupByShard(items, (name) => cache.get(name)?.id, (id) => shards.get(id));
  const answers: Settled<IngestAccepted>[] = new Array(items.length);
  await Promise.all(groups.map(async (g) => {
    const got = await writeGroup(db, g.map((i) => items[i]!), 'values');
    g.forEach((i, k) => { answers[i] = got[k]!; });
  }));
  return answers;
}

async function writeGroup(db: Db, items: Prepared[], rowShape: RowShape): Promise<Settled<IngestAccepted>[]> {
  const cache = hostCache(db);
  const attempt = () => rawTransaction(db, (tx) => writeInTx({ ...tx, rowShape }, cache, items));
  const { answers, written } = await attempt().catch((err: unknown) => {
    // A host removed (by an admin, through another replica) while this
    // process still had its id cached: look the names up again, once. A
    // host enrolled meanwhile by another token: its owner is read again.
    if (err instanceof OwnerRace) return attempt();
    if ((err as { code?: string }).code !== FOREIGN_KEY_VIOLATION) throw err;
    for (const p of items) cache.delete(p.r.host.name);
    return attempt();
  });
  for (const [name, v] of written) cache.set(name, v);
  return answers;
}

async function writeInTx(tx: Sql, shared: Cache, items: Prepared[]) {
  const owners = await readOwners(tx, [...new Set(items.map((p) => p.r.host.name))]);
  const cache = seenCache(shared, owners);
  const missed = cacheMisses(items, cache);
  const read = missed.length === 0 ? NOTHING_READ : await readEnrolment(tx, tokensByName(missed), owners);
  const hosts = planHosts(items, cache, read, owners);
  const ids = new Map(hosts.cached);
  const upserted = await upsertHosts(tx, hosts.upserts);
  for (const u of hosts.upserts) {
    const got = upserted.get(u.p.r.host.name)!;
    if (u.enrolledBy !== null && got.owner !== u.enrolledBy) throw new OwnerRace();
    ids.set(u.p.r.host.name, got.id);
  }
  const inserted = await insertReports(tx, hosts.reports.map((p) => ({ hostId: ids.get(p.r.host.name)!, p })));
  const states = await lockStates(tx, hostsOf(inserted));
  const rollupUntil = inserted.size === 0 ? null : (await rollupWatermark(tx))?.getTime() ?? null;

  const plan = planBatch(hosts, { ids, inserted, states, rollupUntil }, performance.now());
  await insertUidSamples(tx, plan.uidSamples);
  await insertProcessSamples(tx, plan.processSamples);
  await insertFailures(tx, plan.failures);
  await upsertStates(tx, plan.states);
  await recordMachineChanges(tx, plan.machineChanges);
  await upsertDocuments(tx, plan.documents);
  if (plan.rollupMerges.length > 0) await mergeReportsIntoRollups(tx, plan.rollupMerges.map((k) => ({ hostId: k.hostId, at: new Date(k.at) })));

  const written = hosts.upserts.map(({ p }) => [p.r.host.name, { id: upserted.get(p.r.host.name)!.id, key: p.hostKey }] as const);
  return { answers: plan.answers, written };
}
