// npm run simulate -- --hosts N --interval S [--duration D] [--backfill HOURS]
//   [--port P] [--data-dir DIR | --database-url URL] | [--server URL --token T]
// N simulated agents speaking the real protocol over HTTP. Without --server it
// starts its own (`headroom serve` on --port, default 3100, with its own
// embedded database in --data-dir, default .headroom/simulate, or on
// --database-url), so it runs beside `npm start`, and makes an ingest token.
import path from 'node:path';
import { parseFlags, UsageError } from '../lib/cli/args';
import { driveBackfill, driveSchedule, Sender, type DriveResult } from '../lib/sim/drive';
import { simFleet } from '../lib/sim/fleet';
import { createToken, serve, type Served } from '../lib/sim/server';
import { round } from '../lib/sim/stats';

const say = (m: string) => console.log(`simulate: ${m}`);
const fail = (m: string): never => { console.error(`simulate: ${m}`); process.exit(2); };

const options = {
  hosts: { type: 'string', default: '100' }, interval: { type: 'string', default: '15' }, duration: { type: 'string' }, backfill: { type: 'string' },
  port: { type: 'string', default: '3100' }, 'data-dir': { type: 'string' }, 'database-url': { type: 'string' },
  server: { type: 'string' }, token: { type: 'string' },
} as const;
const a = (() => {
  try {
    return parseFlags(process.argv.slice(2), options).values;
  } catch (err) {
    if (err instanceof UsageError) return fail(err.message);
    throw err;
  }
})();
const num = (v: string | undefined, name: string) => {
  const n = Number(v);
  return Number.isFinite(n) && n > 0 ? n : fail(`--${name}: must be a positive number`);
};
const hosts = num(a.hosts, 'hosts');
const interval = num(a.interval, 'interval');
const duration = a.duration === undefined ? Infinity : num(a.duration, 'duration');
if (Boolean(a.server) !== Boolean(a.token)) fail('--server and --token go together (without both, the simulator starts its own server)');
if (a['data-dir'] && a['database-url']) fail('--data-dir and --database-url: give one (the database of the simulator\'s own server)');

let server: Served | null = null;
async function ownServer(port: number): Promise<{ url: string; token: string }> {
  // Never the environment's DATABASE_URL or HEADROOM_DATA_DIR: those are the
  // real server's, and a simulated fleet does not belong in them.
  const db = a['database-url'] ? { DATABASE_URL: a['database-url'] } : { HEADROOM_DATA_DIR: path.resolve(a['data-dir'] ?? '.headroom/simulate'), DATABASE_URL: undefined };
  say(`starting a server on port ${port}, database ${db.DATABASE_URL ? 'from --database-url' : `in ${db.HEADROOM_DATA_DIR}`} (the first start builds the dashboard)…`);
  // Its own server takes a backfill at full speed: the per-host rate limit is
  // there for a looping agent, and every host here is simulated. (Against
  // --server, refused reports of a backfill are sent again until accepted.)
  server = await serve({ ...db, HEADROOM_INGEST_RATE: '10000' }, port);
  return { url: server.url, token: createToken(server.env, 'ingest', `simulator-${Date.now()}`) };
}

function summary(label: string, r: DriveResult): void {
  say(`${label}: ${r.accepted} of ${r.sent} reports accepted in ${round(r.seconds)} s (${Math.round(r.accepted / r.seconds)}/s), `
    + `latency p50 ${round(r.latency.percentile(50))} ms, p99 ${round(r.latency.percentile(99))} ms, `
    + `duplicates ${r.duplicates}, refused ${JSON.stringify(r.refused)}, never accepted ${r.unaccepted}`);
}

const stop = new AbortController();
process.on('SIGINT', () => stop.abort());
process.on('SIGTERM', () => stop.abort());
try {
  const target = a.server ? { url: a.server, token: a.token! } : await ownServer(num(a.port, 'port'));
  if (!a.server) say(`server ${target.url} (open it in a browser to watch the fleet)`);
  const fleet = simFleet(hosts);
  const mix = fleet.reduce<Record<string, number>>((m, h) => ({ ...m, [h.pattern]: (m[h.pattern] ?? 0) + 1 }), {});
  say(`${hosts} hosts every ${interval} s: ${Object.entries(mix).map(([k, v]) => `${v} ${k}`).join(', ')}`);
  const sender = new Sender(new URL(target.url), target.token);
  const common = { sender, hosts: fleet, intervalSeconds: interval, epochMs: Date.now(), log: say };
  if (a.backfill) summary('backfill', await driveBackfill({ ...common, hours: num(a.backfill, 'backfill'), concurrency: 16, signal: stop.signal }));
  summary('live', await driveSchedule({ ...common, epochMs: Date.now(), seconds: duration, signal: stop.signal }));
  sender.close();
} catch (err) {
  console.error(`simulate: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await (server as Served | null)?.stop();
}
