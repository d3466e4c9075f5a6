import 'server-only';
import type { Db } from '../server/db/client';

import { effectiveLabels } from './host-summary';

/** Every host's id, name and labels: for pickers and selectors. */
export async function listHostNames(db: Db) {
  const rows = await db.host.findMany({ select: { id: true, name: true, labels: true, agentLabels: true }, orderBy: { name: 'asc' } });
  return rows.map((h) => ({ id: h.id, name: h.name, labels: effectiveLabels(h) }));
}
