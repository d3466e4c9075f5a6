// The disk benchmark on both databases: its section of docs/BENCHMARKS.md and
// its figures in docs/figures.json (npm run bench:size, and the end of npm run bench).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WAL_BOUND_BYTES } from '../../lib/server/db/checkpointer';
import { createDb } from '../../lib/server/db/client';
import { serveEmbedded } from '../../lib/server/db/embedded';
import { applyMigrations } from '../../lib/server/db/migrate';
import { closeRaw } from '../../lib/server/db/raw';
import { DEFAULT_RETENTION } from '../../lib/history';
import { openTestDatabase } from '../../lib/testing/databases';
import { writeSection } from '../../scripts/lib/bench-doc';
import { recordFigures } from '../../scripts/lib/figures.mjs';
import { describeMachine } from '../../scripts/lib/machine';
import { daysOfFleet, PER_DAY_TABLES, ROLLING_TABLES, type DayEnd, type SizeResult } from './size';

export interface SizeOptions { hosts: number; days: number; log: (m: string) => void }

async function onPostgres({ hosts, days, log }: SizeOptions): Promise<SizeResult> {
  const t = await openTestDatabase('postgres');
  try {
    return await daysOfFleet(t.db, hosts, { days, log });
  } finally {
    await t.close();
  }
}

async function onPglite({ hosts, days, log }: SizeOptions): Promise<SizeResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hr-size-'));
  const embedded = await serveEmbedded(dir);
  const db = createDb(embedded.url);
  try {
    await applyMigrations(embedded.url);
    return await daysOfFleet(db, hosts, { days, dataDir: dir, log });
  } finally {
    await closeRaw(db);
    await db.$disconnect();
    await embedded.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const n0 = (x: number) => Math.round(x).toLocaleString('en-US');
const mb = (bytes: number, digits = 2) => `${(bytes / 1e6).toFixed(digits)} MB`;
const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;
const kb = (bytes: number) => `${n0(bytes / 1000)} KB`;

/** What the last day added, per host: every table, and the folder. */
function perHostDay(r: SizeResult) {
  const [a, b] = [r.days.at(-2)!, r.days.at(-1)!];
  const table = (t: string) => (b.tables[t]!.bytes - a.tables[t]!.bytes) / r.hosts;
  const tables = Object.fromEntries(Object.keys(b.tables).map((t) => [t, table(t)]));
  const total = Object.values(tables).reduce((x, y) => x + y, 0);
  const folder = a.folder && b.folder ? (b.folder.bytes - a.folder.bytes) / r.hosts : null;
  return { tables, total, folder };
}

/** Per host over the default retention: raw reports and samples for reportDays, minutes and hours for theirs. */
function retained(tables: Record<string, number>) {
  const d = DEFAULT_RETENTION;
  const raw = tables.report_chunk! + tables.uid_sample! + tables.process_sample!;
  const bytes = d.reportDays * raw + d.minuteDays * tables.report_minute_chunk! + d.hourDays * tables.report_hour_chunk!;
  const sig = (b: number) => String(Number((b / 1e6).toPrecision(2)));
  const formula = `${d.reportDays} × ${sig(raw)} + ${d.minuteDays} × ${sig(tables.report_minute_chunk!)} + ${d.hourDays} × ${sig(tables.report_hour_chunk!)}`;
  return { bytes, raw, formula };
}

const rolling = (end: DayEnd, hosts: number) => ROLLING_TABLES.reduce((x, t) => x + end.tables[t]!.bytes, 0) / hosts;

export interface SizeRun { started: string; minutes: number; pg: SizeResult; lite: SizeResult }

/** Measures `days` (at least 2) simulated days of `hosts` on both databases. */
export async function measureSize(o: SizeOptions): Promise<SizeRun> {
  const started = new Date();
  o.log(`disk: ${o.days} days of ${o.hosts} hosts on Postgres…`);
  const pg = await onPostgres(o);
  o.log('disk: the same on the embedded database…');
  const lite = await onPglite(o);
  return { started: started.toISOString(), minutes: Math.round((Date.now() - started.getTime()) / 60_000), pg, lite };
}

/** Writes the section of docs/BENCHMARKS.md and the figures in docs/figures.json. */
export function writeSize({ started, minutes, pg, lite }: SizeRun): void {
  const days = pg.days.length;
  const pgDay = perHostDay(pg);
  const liteDay = perHostDay(lite);
  const folder = lite.days.at(-1)!.folder!;
  const firstDay = lite.days[0]!.folder!;
  const pgKept = retained(pgDay.tables);
  const pgRetained = pgKept.bytes;
  const liteRetained = retained(liteDay.tables).bytes;
  const fig = (t: string, day: ReturnType<typeof perHostDay>) => kb(day.tables[t]!);
  const figures = {
    'disk.host-day': mb(pgDay.total),
    'disk.host-day.embedded': mb(liteDay.folder!),
    'disk.host-retention': mb(pgRetained, 1),
    'disk.host-retention.embedded': mb(liteRetained, 1),
    'disk.fleet-retention.10k': `${Math.round(pgRetained * 10_000 / 1e9)} GB`,
    'disk.retention-formula': `${pgKept.formula} ≈ ${mb(pgRetained, 1)}`,
    'disk.report_chunk-day': fig('report_chunk', pgDay),
    'disk.process_sample-day': fig('process_sample', pgDay),
    'disk.report_minute_chunk-day': fig('report_minute_chunk', pgDay),
    'disk.report_hour_chunk-day': fig('report_hour_chunk', pgDay),
    'disk.embedded.first-day': mib(firstDay.bytes),
    'disk.embedded.wal': mib(folder.walBytes),
    'disk.embedded.wal-max': mib(lite.maxWalBytes!),
    'disk.embedded.wal-bound': mib(WAL_BOUND_BYTES),
    'disk.bench-minutes': `${minutes} minutes`,
  };
  recordFigures(figures, 'npm run bench:size');

  const row = (t: string) => `| ${t} | ${n0((pg.days.at(-1)!.tables[t]!.rows - pg.days.at(-2)!.tables[t]!.rows))} | ${n0(pgDay.tables[t]!)} | ${n0(liteDay.tables[t]!)} |`;
  const endRow = (label: string, r: SizeResult, pick: (d: DayEnd) => number) =>
    `| ${label} | ${mib(pick(r.empty))} | ${r.days.map((d) => mib(pick(d))).join(' | ')} |`;
  const text = `## Disk per host per day (\`npm run bench:size\`)

Machine: ${describeMachine()}. Run ${started.slice(0, 16)} UTC, ${minutes} minutes.

${days} simulated days of ${pg.hosts} hosts (silent ones left out) at a 15 s interval, ${n0(pg.reportsPerDay)} reports a day
through the real write path (in process, a minute's reports a batch), with the worker's upkeep at the simulated
times: vacuum every minute where no autovacuum runs (the embedded database${pg.vacuumedItself ? ', and this machine\'s Postgres, configured without it' : ''}),
rollups and compaction every hour. Each database measured at the end of each day; the embedded
one right after a checkpoint, as it checkpoints every 24 MB of log. What the second day added is the steady
state: a host's cost a day once the tables of a fixed size per host (current state, latest report, the last
hours of reports and rollups not yet compacted) have filled.

**${mb(pgDay.total)} per host per day** on Postgres (tables with their indexes and TOAST; its write-ahead log is
the server's, kept by its checkpointer and \`max_wal_size\`); **${mb(liteDay.folder!)}** in the embedded database's folder
on disk (\`du\` of \`pgdata\`, \`pg_wal\` included; its tables alone ${mb(liteDay.total)}). Goal ≤ 1 MB.

| embedded database, on disk | empty | ${pg.days.map((_, i) => `after day ${i + 1}`).join(' | ')} |
| --- | ---: | ${pg.days.map(() => '---:').join(' | ')} |
${endRow('data folder (du of pgdata)', lite, (d) => d.folder!.bytes)}
${endRow('of which pg_wal', lite, (d) => d.folder!.walBytes)}

The write-ahead log is ${(100 * folder.walBytes / folder.bytes).toFixed(0)} % of the folder after day ${days}; it is bounded, not per day:
after any minute of the run it held at most ${mib(lite.maxWalBytes!)} (bound ${mib(WAL_BOUND_BYTES)}, \`lib/server/db/checkpointer.ts\`).

| table | rows a day | Postgres bytes per host per day | embedded bytes per host per day |
| --- | ---: | ---: | ---: |
${[...PER_DAY_TABLES, ...ROLLING_TABLES].map(row).join('\n')}

Samples written per host per day, by simulated pattern (out of 5,760 reports):
${Object.entries(pg.samplesPerHostDay).map(([p, s]) => `${p} (${s.hosts} hosts): ${n0(s.uid)} per-user, ${n0(s.process)} process`).join('; ')}.
The tables of a fixed size per host (${ROLLING_TABLES.join(', ')}) held ${kb(rolling(pg.days.at(-1)!, pg.hosts))} a host on Postgres
and ${kb(rolling(lite.days.at(-1)!, lite.hosts))} in the embedded database at the end of day ${days}.
Over the default retention (raw reports and samples ${DEFAULT_RETENTION.reportDays} days, minute rollups ${DEFAULT_RETENTION.minuteDays}, hour rollups ${DEFAULT_RETENTION.hourDays}):
${mb(pgRetained, 1)} a host on Postgres, ${mb(liteRetained, 1)} in the embedded database, plus its log of at most ${mib(WAL_BOUND_BYTES)} whatever the fleet.`;
  console.log(`\n${text}`);
  writeSection('bench:size', text);
}

export async function sizeSection(o: SizeOptions): Promise<void> {
  writeSize(await measureSize(o));
}
