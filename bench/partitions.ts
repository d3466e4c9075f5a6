// npm run bench:partitions — step 2 of docs/scaling.md measured: the minute
// rollups (the largest retained table) as they are, and partitioned by day,
// with the same rows. Retention (a day past the window: batched deletes as the
// retention job runs them, against dropping a partition), a rollup minute
// written for every host, and the host page's 24 h read. Prints and writes
// docs/BENCHMARKS.md.
import { openTestDatabase } from '../lib/testing/databases';
import { writeSection } from '../scripts/lib/bench-doc';
import { describeMachine } from '../scripts/lib/machine';
import { warmTimings } from '../scripts/lib/timings';

const HOSTS = 1000;
const DAYS = 4;
const DAY = 86400_000;
const RUNS = 30;
const log = (m: string) => console.log(`bench:partitions: ${m}`);

const t = await openTestDatabase('postgres');
const db = t.db;
const start = new Date(Math.floor(Date.now() / DAY) * DAY - DAYS * DAY);
const iso = (ms: number) => new Date(ms).toISOString();

async function timed<T>(f: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const v = await f();
  return [performance.now() - t0, v];
}

// The same columns and key as report_minute; the copy is partitioned by day on its time.
await db.$executeRawUnsafe(`CREATE TABLE minute_plain (LIKE report_minute INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)`);
await db.$executeRawUnsafe(`CREATE TABLE minute_part (LIKE report_minute INCLUDING DEFAULTS INCLUDING CONSTRAINTS) PARTITION BY RANGE (bucket)`);
await db.$executeRawUnsafe(`ALTER TABLE minute_part ADD PRIMARY KEY (host_id, bucket)`);
await db.$executeRawUnsafe(`CREATE INDEX ON minute_part USING brin (bucket)`);
for (let d = 0; d <= DAYS; d++) {
  await db.$executeRawUnsafe(`CREATE TABLE minute_part_${d} PARTITION OF minute_part FOR VALUES FROM ('${iso(start.getTime() + d * DAY)}') TO ('${iso(start.getTime() + (d + 1) * DAY)}')`);
}
const hosts = await db.$queryRawUnsafe<{ id: string }[]>(`SELECT gen_random_uuid()::text AS id FROM generate_series(1, ${HOSTS})`);
const ids = hosts.map((h) => h.id);

/** Minute rows for every host over [from, to): what the rollup job leaves. */
const fill = (table: string, from: number, to: number) => db.$executeRawUnsafe(`
  INSERT INTO ${table}
  SELECT h, m, m + interval '45 seconds', 40, 60, 50, 128, 20000, 24000, 22000, 65536, 9000, 9700, 9500, 9.2e18, 300, 700, 600, 1024, 0, 12, 6
  FROM unnest($1::uuid[]) AS h, generate_series($2::timestamptz, $3::timestamptz - interval '1 minute', interval '1 minute') AS m`, ids, iso(from), iso(to));

const load: Record<string, number> = {};
for (const table of ['minute_plain', 'minute_part']) {
  const [ms, n] = await timed(() => fill(table, start.getTime(), start.getTime() + DAYS * DAY));
  load[table] = n / (ms / 1000);
  log(`${table}: ${n} rows loaded, ${Math.round(load[table]!)} rows/s`);
}
await db.$executeRawUnsafe('VACUUM ANALYZE minute_plain');
await db.$executeRawUnsafe('VACUUM ANALYZE minute_part');

/** The rollup job's write: one minute for every host, 60 minutes in turn, in the newest day. */
async function rollupMinutes(table: string): Promise<number> {
  const base = start.getTime() + DAYS * DAY;
  const [ms] = await timed(async () => { for (let i = 0; i < 60; i++) await fill(table, base + i * 60_000, base + (i + 1) * 60_000); });
  return (60 * HOSTS) / (ms / 1000);
}

/** The host page's 24 h read from minute rollups, p50/p95 over 30 runs after one warm-up. */
function read(table: string): Promise<{ p50: number; p95: number }> {
  return warmTimings(RUNS, (i) => {
    const id = ids[(i * 37) % HOSTS]!;
    return db.$queryRawUnsafe(`
      SELECT floor(extract(epoch FROM bucket) / 120) * 120 AS t, max(inotify_instances_max), max(inotify_watches_max), max(containers_max)
      FROM ${table} WHERE host_id = $1::uuid AND bucket >= $2::timestamptz AND bucket <= $3::timestamptz GROUP BY 1 ORDER BY 1`,
    id, iso(start.getTime() + (DAYS - 1) * DAY), iso(start.getTime() + DAYS * DAY));
  });
}

/** Retention of the oldest day: the job's batched deletes (5,000 rows a statement), or the partition dropped. */
async function dropOldestDay(table: string): Promise<{ ms: number; rows: number }> {
  const before = iso(start.getTime() + DAY);
  if (table === 'minute_part') {
    const [c] = await db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM minute_part_0`);
    const [ms] = await timed(async () => {
      await db.$executeRawUnsafe(`ALTER TABLE minute_part DETACH PARTITION minute_part_0`);
      await db.$executeRawUnsafe(`DROP TABLE minute_part_0`);
    });
    return { ms, rows: Number(c!.n) };
  }
  let rows = 0;
  const [ms] = await timed(async () => {
    for (;;) {
      const n = await db.$executeRawUnsafe(`
        DELETE FROM ${table} WHERE (host_id, bucket) IN (SELECT host_id, bucket FROM ${table} WHERE bucket < $1::timestamptz LIMIT 5000)`, before);
      rows += n;
      if (n < 5000) break;
    }
  });
  return { ms, rows };
}

const size = async (table: string) => {
  const [r] = await db.$queryRawUnsafe<{ b: bigint }[]>(`
    SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint AS b FROM pg_class c
    WHERE c.relname = $1 OR c.oid IN (SELECT inhrelid FROM pg_inherits WHERE inhparent = $1::regclass)`, table);
  return Number(r!.b);
};

const rows: { table: string; load: number; write: number; p50: number; p95: number; dropMs: number; dropRows: number; bytesBefore: number; bytesAfter: number }[] = [];
for (const table of ['minute_plain', 'minute_part']) {
  const write = await rollupMinutes(table);
  const r = await read(table);
  const bytesBefore = await size(table);
  const drop = await dropOldestDay(table);
  const bytesAfter = await size(table);
  rows.push({ table, load: load[table]!, write, ...r, dropMs: drop.ms, dropRows: drop.rows, bytesBefore, bytesAfter });
  log(`${table}: rollup minute ${Math.round(write)} rows/s; 24 h read p50 ${r.p50.toFixed(1)} ms p95 ${r.p95.toFixed(1)} ms; oldest day (${drop.rows} rows) gone in ${drop.ms.toFixed(0)} ms; ${(bytesBefore / 2 ** 20).toFixed(0)} → ${(bytesAfter / 2 ** 20).toFixed(0)} MiB`);
}
await t.close();

const n0 = (x: number) => Math.round(x).toLocaleString('en-US');
const mib = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;
writeSection('bench:partitions', `## Time partitions: minute rollups by day (\`npm run bench:partitions\`)

Machine: ${describeMachine()}. Run ${new Date().toISOString().slice(0, 16)} UTC.

Step 2 of docs/scaling.md measured on this machine's Postgres: \`report_minute\`'s columns and key, ${n0(HOSTS)} hosts
× ${DAYS} days of minute rows (${n0(HOSTS * DAYS * 1440)} rows), as one table and partitioned by day (same rows). Retention of the
oldest day: the retention job's batched deletes (5,000 rows a statement), against detaching and dropping its partition
(the table size is read before and after, without a vacuum: deleted rows keep their space until one runs).

| table | bulk load rows/s | rollup minute, ${n0(HOSTS)} hosts, rows/s | 24 h read p50 / p95 ms | oldest day removed | time | size before → after |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
${rows.map((r) => `| ${r.table === 'minute_part' ? 'partitioned by day' : 'one table'} | ${n0(r.load)} | ${n0(r.write)} | ${r.p50.toFixed(1)} / ${r.p95.toFixed(1)} | ${n0(r.dropRows)} rows | ${n0(r.dropMs)} ms | ${mib(r.bytesBefore)} → ${mib(r.bytesAfter)} |`).join('\n')}
`);
