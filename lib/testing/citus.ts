// A Citus coordinator's database made ready for Headroom from scratch: its
// Headroom tables dropped (Citus keeps views of its own in public, which must
// stay), migrated, and distributed. For the Citus suite and bench:citus.
import pg from 'pg';
import { distribute } from '../ops';
import { createDb } from '../server/db/client';
import { applyMigrations } from '../server/db/migrate';

export async function citusSql<T = Record<string, unknown>>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text, params)).rows as T[];
  } finally {
    await c.end();
  }
}

export async function dropHeadroomTables(url: string): Promise<void> {
  const mine = await citusSql<{ t: string }>(url, `SELECT c.relname AS t FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
    AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')`);
  if (mine.length) await citusSql(url, `DROP TABLE ${mine.map((m) => `"${m.t}"`).join(', ')} CASCADE`);
}

/** Dropped, migrated and distributed; the number of active workers. */
export async function freshCitus(url: string): Promise<number> {
  await dropHeadroomTables(url);
  await applyMigrations(url);
  const db = createDb(url);
  try {
    await distribute(db);
  } finally {
    await db.$disconnect();
  }
  return (await citusSql(url, 'SELECT * FROM citus_get_active_worker_nodes()')).length;
}
