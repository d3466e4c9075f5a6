import 'server-only';
import type { Db } from '../db/client';

export async function hostExists(db: Db, id: string): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return false;
  return (await db.host.count({ where: { id } })) > 0;
}
