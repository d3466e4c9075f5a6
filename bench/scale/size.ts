// Disk per host per day: simulated days of a fleet written through the real
// write path (in process, no HTTP), with the worker's upkeep at simulated
// times (vacuum every minute where no autovacuum runs, rollups and compaction
// every hour), measured at the end of each day: every table with its indexes
// and TOAST, and for the embedded database its whole folder on disk, log included.
import type { Db } from '../../lib/server/db/client';
import { embeddedDiskUse } from '../../lib/server/db/disk-use';
import { writeBatch } from '../../lib/ingest';
import { compactions } from '../../lib/history';
import { rollupOnce } from '../../lib/history';
import { hasAutovacuum, vacuumer } from '../../lib/ops';
import { simFleet, type Pattern } from '../../lib/sim/fleet';
import { SIM_INTERVAL, simRounds } from '../../lib/testing/sim-rounds';

const DAY_S = 86400;
const MINUTE_ROUNDS = 60 / SIM_INTERVAL;

/** Tables that grow with each day a host reports, until retention removes the day. */
export const PER_DAY_TABLES = ['report_chunk', 'uid_sample', 'process_sample', 'report_minute_chunk', 'report_hour_chunk'];
/** Tables of a fixed size per host: the current state, the latest report, and rows not yet compacted. */
export const ROLLING_TABLES = ['report', 'report_minute', 'report_hour', 'host_state', 'host_report', 'host'];

export interface DayEnd {
  tables: Record<string, { rows: number; bytes: number }>;
  /** The embedded database's folder (du of pgdata, pg_wal included), right after a checkpoint. */
  folder: { bytes: number; walBytes: number } | null;
}

export interface SizeResult {
  hosts: number;
  reportsPerDay: number;
  /** Before the first report (migrated, empty), then at the end of each day. */
  empty: DayEnd;
  days: DayEnd[];
  /** The largest pg_wal seen after any minute of the run (embedded only). */
  maxWalBytes: number | null;
  /** No autovacuum ran: the worker's vacuum did the work, as it would in production. */
  vacuumedItself: boolean;
  samplesPerHostDay: Record<Pattern, { hosts: number; uid: number; process: number }>;
}

async function measure(db: Db, dataDir: string | undefined): Promise<DayEnd> {
  const tables: DayEnd['tables'] = {};
  // Counted, not pg_stat's n_live_tup: statistics still in flight after a
  // vacuum were added on top of its count (twice the chunks, in one run).
  for (const table of [...PER_DAY_TABLES, ...ROLLING_TABLES]) {
    const [r] = await db.$queryRawUnsafe<{ rows: number; bytes: number }[]>(
      `SELECT (SELECT count(*) FROM ${table})::float8 AS rows, pg_total_relation_size('${table}')::float8 AS bytes`);
    tables[table] = { rows: r!.rows, bytes: r!.bytes };
  }
  if (!dataDir) return { tables, folder: null };
  // Each day measured in the same state: the log just trimmed, as every 24 MB of it is.
  await db.$executeRawUnsafe('CHECKPOINT');
  return { tables, folder: embeddedDiskUse(dataDir) };
}

/**
 * `days` simulated days of `hosts` reporting hosts, ending at today's UTC
 * midnight (hour rollups are compacted by UTC day). `dataDir`: the embedded
 * database's folder, to measure it on disk.
 */
export async function daysOfFleet(db: Db, hosts: number, o: { days: number; dataDir?: string; log?: (m: string) => void }): Promise<SizeResult> {
  // Silent hosts stop after minutes: leaving them out measures hosts that report all day.
  const fleet = simFleet(hosts * 2).filter((h) => h.pattern !== 'silent').slice(0, hosts);
  const epoch = Math.floor(Date.now() / (DAY_S * 1000)) * DAY_S * 1000 - o.days * DAY_S * 1000;
  const vacuum = vacuumer(db);
  const empty = await measure(db, o.dataDir);
  const days: DayEnd[] = [];
  let maxWalBytes: number | null = null;
  for (let minute = 0; minute < o.days * 1440; minute++) {
    await writeBatch(db, simRounds(fleet, minute * MINUTE_ROUNDS, (minute + 1) * MINUTE_ROUNDS, epoch));
    await vacuum();
    if (o.dataDir) maxWalBytes = Math.max(maxWalBytes ?? 0, embeddedDiskUse(o.dataDir).walBytes);
    if ((minute + 1) % 60 === 0) {
      const now = new Date(epoch + (minute + 1) * 60_000);
      await rollupOnce(db, now);
      for (const [, once] of compactions) await once(db, now);
    }
    if ((minute + 1) % 1440 === 0) {
      days.push(await measure(db, o.dataDir));
      o.log?.(`day ${days.length} of ${o.days} written`);
    }
  }
  const per = await db.$queryRawUnsafe<{ name: string; uid: number; process: number }[]>(`
    SELECT h.name, (SELECT count(*) FROM uid_sample u WHERE u.host_id = h.id)::float8 AS uid,
      (SELECT count(*) FROM process_sample p WHERE p.host_id = h.id)::float8 AS process FROM host h`);
  const byName = new Map(fleet.map((h) => [h.name, h.pattern]));
  const samplesPerHostDay = {} as SizeResult['samplesPerHostDay'];
  for (const p of per) {
    const s = (samplesPerHostDay[byName.get(p.name)!] ??= { hosts: 0, uid: 0, process: 0 });
    s.hosts++; s.uid += p.uid; s.process += p.process;
  }
  for (const s of Object.values(samplesPerHostDay)) { s.uid /= s.hosts * o.days; s.process /= s.hosts * o.days; }
  return {
    hosts: fleet.length, reportsPerDay: fleet.length * DAY_S / SIM_INTERVAL, empty, days, maxWalBytes,
    vacuumedItself: !(await hasAutovacuum(db)), samplesPerHostDay,
  };
}
