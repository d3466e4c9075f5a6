// Fresh databases for tests: an embedded PGlite folder served exactly as in
// production, and a new database on the real Postgres server. No shared seed.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createDb, type Db } from '../server/db/client';
import { serveEmbedded } from '../server/db/embedded';
import { closeRaw } from '../server/db/raw';
import { applyMigrations } from '../server/db/migrate';

export type DbKind = 'pglite' | 'postgres';
export const dbKinds: DbKind[] = ['pglite', 'postgres'];

export const postgresAdminUrl = process.env.HEADROOM_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  kind: DbKind;
  url: string;
  db: Db;
  close(): Promise<void>;
}

/** A new, empty database `name` on the Postgres server (dropped first if it exists); its URL. */
export async function createDatabase(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: postgresAdminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(postgresAdminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function dropDatabase(name: string): Promise<void> {
  const c = new pg.Client({ connectionString: postgresAdminUrl });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await c.end();
}

async function freshPostgres(): Promise<{ url: string; close(): Promise<void> }> {
  const name = `headroom_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  return { url: await createDatabase(name), close: () => dropDatabase(name) };
}

async function freshPglite(): Promise<{ url: string; close(): Promise<void> }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hr-'));
  const e = await serveEmbedded(dir);
  return { url: e.url, async close() { await e.close(); rmSync(dir, { recursive: true, force: true }); } };
}

/** A migrated, empty database of the given kind. */
export async function openTestDatabase(kind: DbKind): Promise<TestDatabase> {
  const raw = kind === 'postgres' ? await freshPostgres() : await freshPglite();
  await applyMigrations(raw.url, path.resolve(import.meta.dirname, '../../prisma/migrations'));
  const db = createDb(raw.url);
  return {
    kind,
    url: raw.url,
    db,
    async close() {
      await closeRaw(db);
      await db.$disconnect();
      await raw.close();
    },
  };
}
