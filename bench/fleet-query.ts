// npm run bench:fleet — the fleet page's query with 10,000 hosts, on Postgres and
// on the embedded PGlite. Prints and writes docs/BENCHMARKS.md.
import { writeSection } from '../scripts/lib/bench-doc';
import { describeMachine } from '../scripts/lib/machine';
import { warmTimings } from '../scripts/lib/timings';
import { fleetQuery } from '../lib/fleet-query';
import { queryFleet } from '../lib/server/services/query-fleet';
import { openTestDatabase, type DbKind } from '../lib/testing/databases';

const HOSTS = 10_000;
const RUNS = 30;

async function measure(kind: DbKind) {
  const t = await openTestDatabase(kind);
  await t.db.$executeRawUnsafe(`
    INSERT INTO host (id, name, interval_seconds, labels)
    SELECT gen_random_uuid(), 'host-' || lpad(i::text, 5, '0'), 15, CASE WHEN i % 3 = 0 THEN ARRAY['ci'] ELSE ARRAY[]::text[] END
    FROM generate_series(1, ${HOSTS}) i`);
  await t.db.$executeRawUnsafe(`
    INSERT INTO host_state (host_id, report_id, collected_at, received_at, inotify_instances_used, inotify_instances_limit,
      inotify_watches_used, inotify_watches_limit, system_fds_used, system_fds_limit, process_fds_used, process_fds_limit,
      containers_running, worst_fraction, panic_risk, crashing_buildkit, inotify_instances_slope)
    SELECT id, gen_random_uuid(), now(), now() - (random() * interval '2 minutes'), (random() * 128)::int, 128,
      (random() * 60000)::int, 65536, 5000, 9223372036854775807, (random() * 1000)::int, 1024,
      (random() * 100)::int, random(), random() < 0.01, false, random() - 0.5
    FROM host`);
  const timings = async (params: Record<string, string>) => {
    const q = fleetQuery.parse(params);
    return warmTimings(RUNS, () => queryFleet(t.db, q));
  };
  const worst = await timings({});
  const filtered = await timings({ label: 'ci', q: 'host-1', sort: 'exhaustion' });
  await t.close();
  return { kind, worst, filtered };
}

const rows = [await measure('postgres'), await measure('pglite')];
const fmt = (x: { p50: number; p95: number }) => `${x.p50.toFixed(1)} / ${x.p95.toFixed(1)}`;
const text = `## Fleet page query (\`npm run bench:fleet\`)

Machine: ${describeMachine()}. Run ${new Date().toISOString().slice(0, 10)}.

\`queryFleet\` (status in SQL, filter, sort, one page of 50 plus the status
counts) over ${HOSTS.toLocaleString('en-US')} hosts, ${RUNS} runs after one warm-up, in milliseconds.
Goal (the scale issue): p95 under 300 ms for the whole page.

| database | worst first, page 1: p50 / p95 | label + search + sort by time to exhaustion: p50 / p95 |
| --- | ---: | ---: |
${rows.map((r) => `| ${r.kind} | ${fmt(r.worst)} | ${fmt(r.filtered)} |`).join('\n')}`;
console.log(text);
writeSection('bench:fleet', text);
