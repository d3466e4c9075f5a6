// Database size per host per day: a simulated day of a fleet written through
// the real write path (in process, batches of 500, no HTTP), rolled up,
// vacuumed, and measured table by table, indexes and TOAST included.
import type { Db } from '../../lib/server/db/client';
import { prepare } from '../../lib/server/ingest/prepare';
import { writeBatch } from '../../lib/server/ingest/write-batch';
import { compactions } from '../../lib/server/services/compact-rollups';
import { rollupOnce } from '../../lib/server/services/rollup';
import { simFleet, simReport, type Pattern } from '../../lib/sim/fleet';

const DAY_S = 86400;
const INTERVAL = 15;
const BATCH = 500;

export interface SizeResult {
  hosts: number;
  reports: number;
  tables: { table: string; rows: number; bytes: number }[];
  samplesPerHostDay: Record<Pattern, { hosts: number; uid: number; process: number }>;
}

export async function dayOfFleet(db: Db, hosts: number): Promise<SizeResult> {
  // Silent hosts stop after minutes: leaving them out measures hosts that report all day.
  const fleet = simFleet(hosts * 2).filter((h) => h.pattern !== 'silent').slice(0, hosts);
  // Yesterday, 00:00 to 24:00 UTC: hour rollups are compacted by UTC day.
  const epoch = Math.floor(Date.now() / (DAY_S * 1000)) * DAY_S * 1000 - DAY_S * 1000;
  let reports = 0;
  let batch: ReturnType<typeof prepare>[] = [];
  const flush = async () => {
    await writeBatch(db, batch);
    reports += batch.length;
    batch = [];
  };
  for (let k = 0; k < DAY_S / INTERVAL; k++) {
    for (const h of fleet) {
      const r = simReport(h, k * INTERVAL, epoch, INTERVAL, k + 1)!;
      batch.push(prepare(r, new Date(Date.parse(r.collectedAt) + 1000)));
      if (batch.length === BATCH) await flush();
    }
  }
  if (batch.length) await flush();
  // As the worker would hours later: rolled up, then every closed hour compacted.
  const later = new Date(epoch + DAY_S * 1000 + 2 * 3600_000);
  await rollupOnce(db, later);
  // A day is 25 clock hours of raw rows and minutes: a run takes 24.
  for (const [, once] of compactions) while ((await once(db, later))! > 0) { /* until done */ }
  await db.$executeRawUnsafe('VACUUM ANALYZE');
  // Counted, not pg_stat's n_live_tup: statistics still in flight after the
  // VACUUM were added on top of its count (twice the chunks, in one run).
  const tables: { table: string; rows: number; bytes: number }[] = [];
  for (const table of ['report', 'report_chunk', 'uid_sample', 'process_sample', 'report_minute', 'report_minute_chunk', 'report_hour', 'report_hour_chunk', 'host_state', 'host']) {
    const [r] = await db.$queryRawUnsafe<{ rows: number; bytes: number }[]>(
      `SELECT (SELECT count(*) FROM ${table})::float8 AS rows, pg_total_relation_size('${table}')::float8 AS bytes`);
    tables.push({ table, rows: r!.rows, bytes: r!.bytes });
  }
  tables.sort((a, b) => b.bytes - a.bytes);
  const per = await db.$queryRawUnsafe<{ name: string; uid: number; process: number }[]>(`
    SELECT h.name, (SELECT count(*) FROM uid_sample u WHERE u.host_id = h.id)::float8 AS uid,
      (SELECT count(*) FROM process_sample p WHERE p.host_id = h.id)::float8 AS process FROM host h`);
  const byName = new Map(fleet.map((h) => [h.name, h.pattern]));
  const samplesPerHostDay = {} as SizeResult['samplesPerHostDay'];
  for (const p of per) {
    const pattern = byName.get(p.name)!;
    const s = (samplesPerHostDay[pattern] ??= { hosts: 0, uid: 0, process: 0 });
    s.hosts++; s.uid += p.uid; s.process += p.process;
  }
  for (const s of Object.values(samplesPerHostDay)) { s.uid /= s.hosts; s.process /= s.hosts; }
  return { hosts: fleet.length, reports, tables: tables.map((t) => ({ ...t, rows: Number(t.rows), bytes: Number(t.bytes) })), samplesPerHostDay };
}
