import 'server-only';
import type { Db } from '../db/client';

export async function checkHealth(db: Db): Promise<{ ok: boolean; database: string }> {
  try {
    await db.$queryRaw`SELECT 1`;
    return { ok: true, database: 'up' };
  } catch (err) {
    return { ok: false, database: (err as Error).message.slice(0, 200) };
  }
}
