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
import { seedFleet } from './fleet-seed';

const HOSTS = 10_000;
const RUNS = 30;

async function measure(kind: DbKind) {
  const t = await openTestDatabase(kind);
  await seedFleet(t.db, HOSTS);
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
