import 'server-only';
import type { Db } from '../db/client';

/** For load balancers, unauthenticated: up or down, with the reason in the server's log only (it may name hosts and users). */
export async function checkHealth(db: Db): Promise<{ ok: boolean; database: 'up' | 'down' }> {
  try {
    await db.$queryRaw`SELECT 1`;
    return { ok: true, database: 'up' };
  } catch (err) {
    console.error(`headroom: health check: database unreachable: ${(err as Error).message}`);
    return { ok: false, database: 'down' };
  }
}
