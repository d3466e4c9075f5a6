import 'server-only';
import type { Db } from '../server/db/client';
import { DISTRIBUTED_TABLES } from '../server/db/distribution';
import { perClient } from '../server/db/per-client';
import type { Sql } from '../server/db/raw';
import { columnList, unnestFrom, type Column } from '../server/db/unnest';
import type { HostUpsert } from './plan-hosts';

type Tx = Sql;

// Host ids by name, and the host row as last written, per database client.
// Hosts are never renamed or deleted, so an entry stays right once set; it is
// set only after the transaction that wrote the row committed.
export const hostCache = perClient('hosts', () => new Map<string, { id: string; key: string }>());

// Each host's shard on Citus, for grouping a batch (shard-groups.ts). A shard
// moved or split since only costs one two-phase commit, never a wrong write.
const shardCache = perClient('shards', () => new Map<string, string>());

/** The Citus shard of each of these host ids, looked up once per id. */
export async function shardsOf(db: Db, ids: string[]): Promise<ReadonlyMap<string, string>> {
  const known = shardCache(db);
  const missing = [...new Set(ids)].filter((id) => !known.has(id));
  if (missing.length > 0) {
    const rows = await db.$queryRawUnsafe<{ id: string; shard: string }[]>(
      `SELECT id::text AS id, get_shard_id_for_distribution_column('${DISTRIBUTED_TABLES[0]}', id)::text AS shard FROM unnest($1::uuid[]) AS id`, missing);
    for (const r of rows) known.set(r.id, r.shard);
  }
  return known;
}

/** Writes the planned host rows in one statement; the id and owning token of each, by name. */
export async function upsertHosts(tx: Tx, rows: HostUpsert[]): Promise<Map<string, { id: string; owner: string | null }>> {
  const ids = new Map<string, { id: string; owner: string | null }>();
  if (rows.length === 0) return ids;
  const cols: Column[] = [
    { name: 'name', type: 'text', values: rows.map(({ p }) => p.r.host.name) },
    { name: 'machine_id', type: 'text', values: rows.map(({ p }) => p.r.host.machineId) },
    { name: 'kernel', type: 'text', values: rows.map(({ p }) => p.r.host.kernel) },
    { name: 'agent_version', type: 'text', values: rows.map(({ p }) => p.r.host.agentVersion) },
    { name: 'boot_time', type: 'timestamptz', values: rows.map(({ p }) => p.r.host.bootTime) },
    { name: 'interval_seconds', type: 'int', values: rows.map(({ p }) => p.r.intervalSeconds) },
    { name: 'enrolled_by', type: 'uuid', values: rows.map((u) => u.enrolledBy) },
    { name: 'labels', type: 'jsonb', values: rows.map(({ p }) => JSON.stringify(p.r.host.labels ?? [])) },
  ];
  const from = unnestFrom(cols);
  // A report without a machine id (unreadable) keeps the one known. Changes
  // of machine id are followed on host_state (plan.ts), where every
  // report passes in order; this row is written only when facts change.
  const found = await tx.$queryRawUnsafe<{ id: string; name: string; owner: string | null }[]>(`
    INSERT INTO host (id, ${columnList(cols.slice(0, -1))}, agent_labels)
    SELECT gen_random_uuid(), ${columnList(cols.slice(0, -1))}, ARRAY(SELECT jsonb_array_elements_text(labels)) FROM ${from.sql}
    ON CONFLICT (name) DO UPDATE SET machine_id = COALESCE(EXCLUDED.machine_id, host.machine_id), kernel = EXCLUDED.kernel,
      agent_version = EXCLUDED.agent_version, boot_time = EXCLUDED.boot_time,
      interval_seconds = EXCLUDED.interval_seconds, agent_labels = EXCLUDED.agent_labels,
      enrolled_by = COALESCE(host.enrolled_by, EXCLUDED.enrolled_by)
    RETURNING id::text AS id, name, enrolled_by::text AS owner`, ...from.params);
  for (const f of found) ids.set(f.name, { id: f.id, owner: f.owner });
  return ids;
}
