// npm run bench:fleet — the fleet page's queries with 10,000 hosts, on Postgres
// and on the embedded PGlite: the list (status, filters, sort, page, counts)
// and the sparklines of the page's hosts. Prints and writes docs/BENCHMARKS.md.
import os from 'node:os';
import { writeSection } from '../scripts/lib/bench-doc';
import { describeMachine } from '../scripts/lib/machine';
import { warmTimings } from '../scripts/lib/timings';
import { fleetQuery } from '../lib/protocol';
import { hostTrends } from '../lib/hosts';
import { queryFleet } from '../lib/hosts';
import { openTestDatabase, type DbKind } from '../lib/testing/databases';

const HOSTS = 10_000;
const RUNS = 30;

async function measure(kind: DbKind) {
  const t = await openTestDatabase(kind);
  await t.db.$executeRawUnsafe(`
    INSERT INTO host (id, name, interval_seconds, labels)
    SELECT gen_random_uuid(), 'host-' || lpad(i::text, 5, '0'), 15, CASE WHEN i % 3 = 0 THEN ARRAY['ci'] WHEN i % 3 = 1 THEN ARRAY['db', 'region=eu'] ELSE ARRAY[]::text[] END
    FROM generate_series(1, ${HOSTS}) i`);
  await t.db.$executeRawUnsafe(`
    INSERT INTO host_state (host_id, report_id, collected_at, received_at, inotify_instances_used, inotify_instances_limit,
      inotify_watches_used, inotify_watches_limit, system_fds_used, system_fds_limit, process_fds_used, process_fds_limit,
      containers_running, worst_fraction, panic_risk, crashing_buildkit, inotify_instances_slope)
    SELECT id, gen_random_uuid(), now(), now() - (random() * interval '2 minutes'), (random() * 128)::int, 128,
      (random() * 60000)::int, 65536, 5000, 9223372036854775807, (random() * 1000)::int, 1024,
      (random() * 100)::int, random(), random() < 0.01, false, random() - 0.5
    FROM host`);
  // The last hour as the fleet holds it: a minute rollup a host a minute, and
  // the last three minutes still raw (the rollups settle behind), every 15 s.
  await t.db.$executeRawUnsafe(`
    INSERT INTO report_minute (host_id, bucket, last_at, inotify_instances_min, inotify_instances_max, inotify_instances_last, inotify_instances_limit,
      inotify_watches_min, inotify_watches_max, inotify_watches_last, inotify_watches_limit, system_fds_min, system_fds_max, system_fds_last, system_fds_limit,
      process_fds_min, process_fds_max, process_fds_last, process_fds_limit, containers_min, containers_max, containers_last)
    SELECT h.id, b, b + interval '45 seconds', 10, v, v, 128, 100, 2000, 2000, 65536, 5000, 5000, 5000, 9223372036854775807, 50, 60, 55, 1024, 1, 2, 2
    FROM host h, generate_series(date_trunc('minute', now()) - interval '62 minutes', date_trunc('minute', now()) - interval '3 minutes', interval '1 minute') b,
      LATERAL (SELECT (random() * 128)::int AS v) r`);
  await t.db.$executeRawUnsafe(`
    INSERT INTO report (host_id, collected_at, inotify_instances_used, inotify_instances_limit, inotify_watches_used, inotify_watches_limit,
      system_fds_used, system_fds_limit, process_fds_used, process_fds_limit, containers_running, collection_ms)
    SELECT h.id, at, (random() * 128)::int, 128, 2000, 65536, 5000, 9223372036854775807, 55, 1024, 2, 10
    FROM host h, generate_series(date_trunc('minute', now()) - interval '3 minutes', now(), interval '15 seconds') at`);
  await t.db.$executeRawUnsafe(`INSERT INTO setting (key, value) VALUES ('rollup', jsonb_build_object('until', date_trunc('minute', now()) - interval '2 minutes'))`);
  // A firing alert on one host in fifty: the status reads each host's worst.
  const [rule] = await t.db.$queryRawUnsafe<{ id: string }[]>("SELECT id FROM alert_rule WHERE dimension = 'exhaustion' LIMIT 1");
  await t.db.$executeRawUnsafe(`
    INSERT INTO alert (id, host_id, rule_id, open_key, dimension, state, severity, value, started_at, fired_at)
    SELECT gen_random_uuid(), id, $1::uuid, id || ':' || $1, 'exhaustion', 'firing', 'critical', 300, now(), now()
    FROM host WHERE random() < 0.02`, rule!.id);
  await t.db.$executeRawUnsafe('ANALYZE');
  const timings = async (params: Record<string, string>, per?: number) => {
    const q = { ...fleetQuery.parse(params), ...(per ? { per } : {}) };
    return warmTimings(RUNS, async () => {
      const page = await queryFleet(t.db, q);
      await hostTrends(t.db, page.hosts.map((h) => h.id));
    });
  };
  const worst = await timings({});
  const filtered = await timings({ label: 'ci', q: 'host-1', sort: 'exhaustion' });
  const grouped = await timings({ group: 'label' });
  const wide = await timings({}, 500);
  await t.close();
  return { kind, worst, filtered, grouped, wide };
}

const load = os.loadavg()[0]!;
const rows = [await measure('postgres'), await measure('pglite')];
const fmt = (x: { p50: number; p95: number }) => `${x.p50.toFixed(1)} / ${x.p95.toFixed(1)}`;
const text = `## Fleet page query (\`npm run bench:fleet\`)

Machine: ${describeMachine()}. Run ${new Date().toISOString().slice(0, 10)}, load average ${load.toFixed(1)} at the start.

The fleet page's data over ${HOSTS.toLocaleString('en-US')} hosts: \`queryFleet\` (status in SQL with
each host's worst firing alert, filter, sort, one page plus the status counts;
2 % of hosts with a firing alert) and \`hostTrends\` (the page's sparklines:
an hour of minute rollups and the last three minutes of raw reports per host),
${RUNS} runs after one warm-up, in milliseconds. Goal (the scale issue): p95
under 300 ms for the whole page.

| database | worst first, 50 a page: p50 / p95 | label + search + sort by time to exhaustion | grouped by label, 50 a page | worst first, 500 a page |
| --- | ---: | ---: | ---: | ---: |
${rows.map((r) => `| ${r.kind} | ${fmt(r.worst)} | ${fmt(r.filtered)} | ${fmt(r.grouped)} | ${fmt(r.wide)} |`).join('\n')}`;
console.log(text);
writeSection('bench:fleet', text);
