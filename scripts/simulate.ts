// npm run simulate -- --hosts N --interval S [--duration D] [--server URL --token T]
//   [--backfill HOURS] [--port P]
// N simulated agents speaking the real protocol over HTTP. Without --server it
// starts its own (`headroom serve` on --port, default 3100, with this
// environment's database) and creates an ingest token for itself.
import { parseArgs } from 'node:util';
import { driveBackfill, driveSchedule, Sender, type DriveResult } from '../lib/sim/drive';
import { simFleet } from '../lib/sim/fleet';
import { createToken, serve, type Served } from '../lib/sim/server';
import { round } from '../lib/sim/stats';

const { values: a } = parseArgs({
  options: {
    hosts: { type: 'string', default: '100' }, interval: { type: 'string', default: '15' }, duration: { type: 'string' },
    server: { type: 'string' }, token: { type: 'string' }, port: { type: 'string', default: '3100' }, backfill: { type: 'string' },
  },
});
const num = (v: string | undefined, name: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) { console.error(`--${name} must be a positive number`); process.exit(2); }
  return n;
};
const hosts = num(a.hosts, 'hosts');
const interval = num(a.interval, 'interval');
const duration = a.duration === undefined ? Infinity : num(a.duration, 'duration');
if (Boolean(a.server) !== Boolean(a.token)) { console.error('--server and --token go together (without both, the simulator starts its own server)'); process.exit(2); }
const say = (m: string) => console.log(`simulate: ${m}`);

let server: Served | null = null;
async function ownServer(port: string): Promise<{ url: string; token: string }> {
  say(`starting a server on port ${port} (the first start builds the dashboard)…`);
  // Its own server takes a backfill at full speed: the per-host rate limit is
  // there for a looping agent, and every host here is simulated. (Against
  // --server, refused reports of a backfill are sent again until accepted.)
  server = await serve({ HEADROOM_INGEST_RATE: '10000' }, Number(port));
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
  const target = a.server ? { url: a.server, token: a.token! } : await ownServer(a.port!);
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
