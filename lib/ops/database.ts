import { createDb, type Db } from '../server/db/client';
import { runningEmbeddedUrl, serveEmbedded } from '../server/db/embedded';
import { applyMigrations } from '../server/db/migrate';
import { dataDir, env } from '../server/env';

// The database as the CLI opens it: `headroom serve` and `headroom worker`
// start on it; the other verbs run on it and leave.
export { applyMigrations, createDb as openDatabase, runningEmbeddedUrl, serveEmbedded };
export type { Embedded } from '../server/db/embedded';

/**
 * Runs `fn` against the configured database: DATABASE_URL, the embedded one
 * a running server is serving, or else the embedded folder opened just for this.
 */
export async function withDatabase<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const e = env();
  const url = e.DATABASE_URL ?? runningEmbeddedUrl(dataDir(e));
  const embedded = url ? null : await serveEmbedded(dataDir(e), { privateUmask: true });
  const target = url ?? embedded!.url;
  try {
    await applyMigrations(target);
    const db = createDb(target);
    try {
      return await fn(db);
    } finally {
      await db.$disconnect();
    }
  } finally {
    await embedded?.close();
  }
}
