import 'server-only';
import { perClient } from '../server/db/per-client';
import type { Sql } from '../server/db/raw';
import { columnList, unnestFrom, type Column } from '../server/db/unnest';
import { enrolNewHosts } from './enrol';
import type { Prepared } from './prepare';

type Tx = Sql;

// Host ids by name, and the host row as last written, per database client.
// Hosts are never renamed or deleted, so an entry stays right once set; it is
// set only after the transaction that wrote the row committed.
export const hostCache = perClient('hosts', () => new Map<string, { id: string; key: string }>());

/**
 * Host ids for a batch's reports. Hosts the cache knows with unchanged facts
 * cost nothing; the others are upserted in one statement (in name order, so
 * concurrent batches lock host rows in the same order).
 */
export async function resolveHosts(tx: Tx, cache: Map<string, { id: string; key: string }>, items: Prepared[]): Promise<ResolvedHosts> {
  const ids = new Map<string, string>();
  const newest = new Map<string, Prepared>();
  const missed: Prepared[] = [];
  for (const p of items) {
    const c = cache.get(p.r.host.name);
    if (c && c.key === p.hostKey) { ids.set(p.r.host.name, c.id); continue; }
    missed.push(p);
    const seen = newest.get(p.r.host.name);
    if (!seen || seen.at <= p.at) newest.set(p.r.host.name, p);
  }
  const written = new Map<string, string>();
  if (newest.size === 0) return { ids, written, refused: new Map() };
  const { by, refused } = await enrolNewHosts(tx, missed);
  const rows = [...newest.values()].filter((p) => !refused.has(p.r.host.name)).sort((a, b) => (a.r.host.name < b.r.host.name ? -1 : 1));
  if (rows.length === 0) return { ids, written, refused };
  const cols: Column[] = [
    { name: 'name', type: 'text', values: rows.map((p) => p.r.host.name) },
    { name: 'machine_id', type: 'text', values: rows.map((p) => p.r.host.machineId) },
    { name: 'kernel', type: 'text', values: rows.map((p) => p.r.host.kernel) },
    { name: 'agent_version', type: 'text', values: rows.map((p) => p.r.host.agentVersion) },
    { name: 'boot_time', type: 'timestamptz', values: rows.map((p) => p.r.host.bootTime) },
    { name: 'interval_seconds', type: 'int', values: rows.map((p) => p.r.intervalSeconds) },
    // A new host: the token enrolment chose. A known one: its report's, kept only
    // if none is recorded yet (hosts from before tokens were recorded adopt one).
    { name: 'enrolled_by', type: 'uuid', values: rows.map((p) => (by.has(p.r.host.name) ? by.get(p.r.host.name)! : p.enrol?.tokenId ?? null)) },
    { name: 'labels', type: 'jsonb', values: rows.map((p) => JSON.stringify(p.r.host.labels ?? [])) },
  ];
  const from = unnestFrom(cols);
  // A report without a machine id (unreadable) keeps the one known. Changes
  // of machine id are followed on host_state (write-batch.ts), where every
  // report passes in order; this row is written only when facts change.
  const found = await tx.$queryRawUnsafe<{ id: string; name: string }[]>(`
    INSERT INTO host (id, ${columnList(cols.slice(0, -1))}, agent_labels)
    SELECT gen_random_uuid(), ${columnList(cols.slice(0, -1))}, ARRAY(SELECT jsonb_array_elements_text(labels)) FROM ${from.sql}
    ON CONFLICT (name) DO UPDATE SET machine_id = COALESCE(EXCLUDED.machine_id, host.machine_id), kernel = EXCLUDED.kernel,
      agent_version = EXCLUDED.agent_version, boot_time = EXCLUDED.boot_time,
      interval_seconds = EXCLUDED.interval_seconds, agent_labels = EXCLUDED.agent_labels,
      enrolled_by = COALESCE(host.enrolled_by, EXCLUDED.enrolled_by)
    RETURNING id::text AS id, name`, ...from.params);
  for (const f of found) {
    ids.set(f.name, f.id);
    written.set(f.name, newest.get(f.name)!.hostKey);
  }
  return { ids, written, refused };
}

export interface ResolvedHosts {
  ids: Map<string, string>;
  /** Host rows written, with the facts key they now hold. */
  written: Map<string, string>;
  /** New host names refused, each with why: their token has enrolled as many hosts as it may. */
  refused: Map<string, string>;
}
