// How Headroom's tables sit on Citus: every table keyed by host distributed by
// host_id and colocated, so one host's rows of every kind share a shard and a
// report's statements route to one worker; `host` a reference table, copied to
// every worker, as the tables distributed by host point to it. Every other
// table (accounts, rules, alerts, channels) is small and stays on the
// coordinator; Citus manages those that point to `host` itself.

/** Distributed by host_id, colocated with the first. */
export const DISTRIBUTED_TABLES = [
  'host_state', 'host_report', 'report', 'report_chunk', 'report_minute', 'report_minute_chunk',
  'report_hour', 'report_hour_chunk', 'uid_sample', 'process_sample', 'failure', 'failure_total',
] as const;
export const DISTRIBUTION_COLUMN = 'host_id';
export const REFERENCE_TABLES = ['host'] as const;
/** Tables with a host_id that stay on the coordinator: alerts, their events and silences are control rows, not samples. */
export const COORDINATOR_TABLES_WITH_HOST = ['alert', 'alert_event', 'silence'] as const;

/** A table as Citus has it: `citus_tables`' type, or local for a table it does not know. */
export interface TableSeen { name: string; type: 'distributed' | 'reference' | 'local'; column: string | null; colocationId: number | null }

export interface DistributionStep { table: string; sql: string; says: string }

export type DistributionPlan =
  | { ok: false; reason: string }
  | { ok: true; steps: DistributionStep[]; already: string[] };

/** What `headroom distribute` does to a database whose tables are `seen`: nothing already done, and a table Citus holds otherwise is refused. */
export function planDistribution(citusVersion: string | null, seen: TableSeen[]): DistributionPlan {
  if (!citusVersion) return { ok: false, reason: 'this server has no citus extension: run it on a Citus coordinator, where `CREATE EXTENSION citus` has been run and the workers added (docs/scaling.md)' };
  const by = new Map(seen.map((t) => [t.name, t]));
  const missing = [...REFERENCE_TABLES, ...DISTRIBUTED_TABLES].filter((n) => !by.has(n));
  if (missing.length) return { ok: false, reason: `tables missing: ${missing.join(', ')}; is this Headroom's database, migrated?` };
  const steps: DistributionStep[] = [];
  const already: string[] = [];
  for (const name of REFERENCE_TABLES) {
    const t = by.get(name)!;
    if (t.type === 'reference') already.push(`${name}: reference table`);
    else if (t.type === 'local') steps.push({ table: name, sql: `SELECT create_reference_table('${name}')`, says: `${name}: reference table, copied to every worker` });
    else return { ok: false, reason: `${name} is a ${t.type} table; Headroom needs it as a reference table` };
  }
  const anchor = DISTRIBUTED_TABLES[0];
  const anchorColocation = by.get(anchor)!.type === 'distributed' ? by.get(anchor)!.colocationId : null;
  for (const name of DISTRIBUTED_TABLES) {
    const t = by.get(name)!;
    if (t.type === 'distributed') {
      if (t.column !== DISTRIBUTION_COLUMN) return { ok: false, reason: `${name} is distributed by ${t.column}; Headroom needs ${DISTRIBUTION_COLUMN}` };
      if (name !== anchor && anchorColocation !== null && t.colocationId !== anchorColocation) return { ok: false, reason: `${name} is distributed but not colocated with ${anchor}` };
      already.push(`${name}: distributed by ${DISTRIBUTION_COLUMN}`);
    } else if (t.type === 'local') {
      const colocate = name === anchor ? "colocate_with => 'none'" : `colocate_with => '${anchor}'`;
      steps.push({ table: name, sql: `SELECT create_distributed_table('${name}', '${DISTRIBUTION_COLUMN}', ${colocate})`, says: `${name}: distributed by ${DISTRIBUTION_COLUMN}${name === anchor ? '' : `, colocated with ${anchor}`}` });
    } else return { ok: false, reason: `${name} is a ${t.type} table; Headroom needs it distributed by ${DISTRIBUTION_COLUMN}` };
  }
  return { ok: true, steps, already };
}
