import type { Db } from '../server/db/client';
import { planDistribution, type DistributionPlan, type TableSeen } from '../server/db/distribution';

/** How the tables stand on this server, read from its catalogs (and Citus's, when it has them). */
async function readTables(db: Db): Promise<{ citus: string | null; tables: TableSeen[] }> {
  const ext = await db.$queryRawUnsafe<{ v: string }[]>(`SELECT extversion AS v FROM pg_extension WHERE extname = 'citus'`);
  const citus = ext[0]?.v ?? null;
  const local = await db.$queryRawUnsafe<{ name: string }[]>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()`);
  if (!citus) return { citus, tables: local.map((t) => ({ name: t.name, type: 'local', column: null, colocationId: null })) };
  const held = await db.$queryRawUnsafe<{ name: string; type: string; column: string; colocation: number }[]>(
    `SELECT table_name::text AS name, citus_table_type AS type, distribution_column AS column, colocation_id AS colocation FROM citus_tables`,
  );
  const by = new Map(held.map((t) => [t.name, t]));
  return {
    citus,
    tables: local.map(({ name }) => {
      const t = by.get(name);
      const type = t?.type === 'distributed' || t?.type === 'reference' ? t.type : 'local';
      return { name, type, column: type === 'distributed' ? t!.column : null, colocationId: t ? Number(t.colocation) : null };
    }),
  };
}

export interface DistributeResult { citus: string; done: string[]; already: string[] }

/**
 * `headroom distribute`: the tables keyed by host distributed by host_id on a
 * Citus coordinator, `host` a reference table. Idempotent; each step is one
 * Citus call, so a step that failed leaves the ones before it done.
 */
export async function distribute(db: Db, say: (line: string) => void = () => {}): Promise<DistributeResult> {
  const { citus, tables } = await readTables(db);
  const plan: DistributionPlan = planDistribution(citus, tables);
  if (!plan.ok) throw new Error(plan.reason);
  const done: string[] = [];
  for (const step of plan.steps) {
    await db.$executeRawUnsafe(step.sql);
    done.push(step.says);
    say(step.says);
  }
  return { citus: citus!, done, already: plan.already };
}
