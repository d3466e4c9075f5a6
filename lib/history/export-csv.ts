import 'server-only';
import { dimensionKeys, fieldsOf } from '../dimensions';
import type { Db } from '../server/db/client';
import { getHost } from '../hosts';
import { hostSeries } from './host-series';

const columns = [...dimensionKeys.flatMap((k) => [fieldsOf(k).used, fieldsOf(k).limit]), 'containersRunning'] as const;

/** A host's range as CSV: one row per point the page shows (each the maximum of its bucket). */
export async function exportHostCsv(db: Db, id: string, from: Date, to: Date): Promise<{ filename: string; csv: string }> {
  const host = await getHost(db, id);
  const { points } = await hostSeries(db, id, from, to, host.facts.intervalSeconds);
  const lines = [['time', ...columns].join(','), ...points.map((p) => [new Date(p.t).toISOString(), ...columns.map((c) => p[c] ?? '')].join(','))];
  return { filename: `${host.summary.name.replace(/[^A-Za-z0-9_.-]/g, '_')}-${from.toISOString().slice(0, 16)}.csv`, csv: lines.join('\n') + '\n' };
}
