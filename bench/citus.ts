// npm run bench:citus -- --citus URL[,URL...] [--hosts 500] [--interval 5] [--seconds 60]
// Plain Postgres (a fresh database on HEADROOM_TEST_PG_URL's server) and each
// Citus coordinator database given, one after the other in one run, under the
// same simulated load through real `headroom serve` processes: the fleet kept
// up with or not (p50, p99), the ceiling, the fleet page and host history p95,
// the rollups' lag and a retention pass under the load. Each URL is a database
// with the citus extension and its workers added; its Headroom tables are
// replaced. Prints and writes docs/BENCHMARKS.md ("bench:citus").
import { parseArgs } from 'node:util';
import { createDb } from '../lib/server/db/client';
import { Sender } from '../lib/sim/drive';
import { citusSql, freshCitus } from '../lib/testing/citus';
import { writeSection } from '../scripts/lib/bench-doc';
import { describeMachine } from '../scripts/lib/machine';
import { warmTimings } from '../scripts/lib/timings';
import { historyTimings, type HistoryRow } from './scale/history';
import { ceiling, fleetAt, keptPace, type Run } from './scale/ingest';
import { pruneUnderLoad, type PruneResult } from './scale/prune';
import { createToken, dropDatabase, freshDatabase, serve } from './scale/servers';

const { values: args } = parseArgs({
  options: { citus: { type: 'string' }, hosts: { type: 'string', default: '500' }, interval: { type: 'string', default: '5' }, seconds: { type: 'string', default: '60' } },
});
if (!args.citus) {
  console.error('usage: npm run bench:citus -- --citus postgres://coordinator/db[,...] [--hosts 500] [--interval 5] [--seconds 60]');
  process.exit(2);
}
const HOSTS = Number(args.hosts);
const INTERVAL = Number(args.interval);
const SECONDS = Number(args.seconds);
const log = (m: string) => console.log(`bench:citus: ${m}`);

interface Figures { engine: string; fleet: Run; ceiling: Run; fleetPage: { p50: number; p95: number }; history: HistoryRow[]; rollupLagS: number; prune: PruneResult }

async function measure(engine: string, url: string, port: number): Promise<Figures> {
  const srv = await serve({ DATABASE_URL: url }, port);
  try {
    const sender = new Sender(new URL(srv.url), createToken(srv.env, 'ingest'));
    const fleet = await fleetAt(sender, HOSTS, SECONDS, undefined, 0, INTERVAL);
    log(`${engine}: ${fleet.label}: ${Math.round(fleet.rate)}/s of ${Math.round(fleet.offered!)}/s offered, p50 ${fleet.p50.toFixed(1)} ms, p99 ${fleet.p99.toFixed(1)} ms, never accepted ${fleet.unaccepted}`);
    const read = createToken(srv.env, 'read');
    const fleetPage = await warmTimings(30, async () => {
      const res = await fetch(`${srv.url}/api/v1/hosts?per=50`, { headers: { authorization: `Bearer ${read}` } });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`fleet API answered ${res.status}`);
    });
    const db = createDb(url);
    try {
      const [wm] = await db.$queryRawUnsafe<{ lag: number | null }[]>(`SELECT extract(epoch FROM now() - (value->>'until')::timestamptz)::float8 AS lag FROM setting WHERE key = 'rollup'`);
      const rollupLagS = wm?.lag ?? Number.NaN;
      const prune = await pruneUnderLoad(url, sender, log, HOSTS, INTERVAL);
      log(`${engine}: pruned ${prune.deleted} rows in ${prune.seconds.toFixed(1)} s under load, p99 ${prune.run.p99.toFixed(1)} ms`);
      const top = await ceiling(sender, HOSTS, 20, 64);
      log(`${engine}: ceiling ${Math.round(top.rate)} reports/s, p50 ${top.p50.toFixed(1)} ms, p99 ${top.p99.toFixed(1)} ms`);
      sender.close();
      const history = await historyTimings(db);
      return { engine, fleet, ceiling: top, fleetPage, history, rollupLagS, prune };
    } finally {
      await db.$disconnect();
    }
  } finally {
    await srv.stop();
  }
}

const results: Figures[] = [];
const pgUrl = await freshDatabase('headroom_bench_citus_pg');
try {
  results.push(await measure('Postgres', pgUrl, 3961));
} finally {
  await dropDatabase('headroom_bench_citus_pg');
}
for (const [i, url] of args.citus.split(',').entries()) {
  const workers = await freshCitus(url);
  const [v] = await citusSql<{ v: string }>(url, `SELECT extversion AS v FROM pg_extension WHERE extname = 'citus'`);
  results.push(await measure(`Citus ${v!.v}, ${workers} worker${workers === 1 ? '' : 's'}`, url, 3962 + i));
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
const rows = results.map((r) => `| ${r.engine} | ${keptPace(r.fleet) ? 'yes' : 'no'}: ${Math.round(r.fleet.rate)} of ${Math.round(r.fleet.offered!)}/s, ${r.fleet.unaccepted} never accepted | ${ms(r.fleet.p50)} | ${ms(r.fleet.p99)} | ${Math.round(r.ceiling.rate)}/s (p99 ${ms(r.ceiling.p99)}) | ${ms(r.fleetPage.p95)} | ${r.history.map((h) => `${h.range} ${ms(h.p95)}`).join(', ')} | ${r.rollupLagS.toFixed(0)} s | ${r.prune.deleted} rows in ${r.prune.seconds.toFixed(1)} s (p99 ${ms(r.prune.run.p99)}) |`);
const text = `## Citus against plain Postgres (\`npm run bench:citus\`)

${describeMachine()}; ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC. ${HOSTS} simulated hosts every ${INTERVAL} s for ${SECONDS} s after one unmeasured interval,
one \`headroom serve\` per engine, the engines one after the other on the same machine (every node of a Citus
cluster on it too). Ceiling: 64 closed-loop senders for 20 s. Rollup lag: how far the rollup job's watermark
trails the clock at the end of the load (it rolls a minute up 3 minutes after it closed). Retention: 40 old rows of
two kinds per host, pruned under the same load.

| engine | kept pace | p50 | p99 | ceiling | fleet page p95 | host history p95 | rollup lag | retention under load |
| --- | --- | ---: | ---: | ---: | ---: | --- | ---: | --- |
${rows.join('\n')}
`;
console.log(`\n${text}`);
writeSection('bench:citus', text);
process.exit(0);
