import 'server-only';
import type { Db } from '../server/db/client';
import { isId } from '../server/errors';

export async function hostExists(db: Db, id: string): Promise<boolean> {
  if (!isId(id)) return false;
  return (await db.host.count({ where: { id } })) > 0;
}
