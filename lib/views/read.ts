import 'server-only';
import { wroteRecently } from '../access';
import type { Db } from '../server/db/client';
import { readDb } from '../server/db/read';

/** The client for a page's lag-tolerant reads: the read replica, unless this user just changed something. */
export async function pageDb(): Promise<Db> {
  return readDb({ fresh: await wroteRecently() });
}
