import 'server-only';
import type { Db } from '../server/db/client';

/** UID → user name, from the host's latest report (samples store numbers only). */
export async function userNames(db: Db, hostId: string): Promise<Map<number, string | null>> {
  const rows = await db.$queryRawUnsafe<{ uid: number; user: string | null }[]>(`
    SELECT (u->>'uid')::float8 AS uid, u->>'user' AS "user"
    FROM host_report, jsonb_array_elements(report->'uids') u WHERE host_id = $1::uuid`, hostId);
  return new Map(rows.map((r) => [r.uid, r.user]));
}
