import 'server-only';
import type { Db } from '../server/db/client';

/** Every label any host carries (from its agent or an admin), for filters. */
export async function listLabels(db: Db): Promise<string[]> {
  const rows = await db.$queryRaw<{ label: string }[]>`
    SELECT DISTINCT unnest(labels || agent_labels) AS label FROM host ORDER BY 1`;
  return rows.map((r) => r.label);
}
