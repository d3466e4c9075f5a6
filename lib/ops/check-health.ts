import 'server-only';
import { db as processDb, type Db } from '../server/db/client';

/** For load balancers, unauthenticated: up or down, with the reason in the server's log only (it may name hosts and users). */
export async function checkHealth(db: Db | (() => Db) = processDb): Promise<{ ok: boolean; database: 'up' | 'down' }> {
  try {
    // Opening the client is inside the check: no database configured or reachable is "down" (503), not a 500.
    await (typeof db === 'function' ? db() : db).$queryRaw`SELECT 1`;
    return { ok: true, database: 'up' };
  } catch (err) {
    console.error(`headroom: health check: database unreachable: ${(err as Error).message}`);
    return { ok: false, database: 'down' };
  }
}
