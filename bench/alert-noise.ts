// node --conditions=react-server --import tsx bench/alert-noise.ts [--hosts 200] [--interval 15] [--minutes 12] [--port 3460]
// How many alert messages the default rules send for the simulated fleet
// (lib/sim): its own `headroom serve` on a fresh Postgres database, a webhook
// channel pointing at a receiver started here, the fleet driven for
// --minutes; then the outbox and the receiver are counted.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { driveSchedule, Sender } from '../lib/sim/drive';
import { simFleet } from '../lib/sim/fleet';
import { createToken, serve } from '../lib/sim/server';
import { createDatabase, dropDatabase } from '../lib/testing/databases';

const { values: a } = parseArgs({
  strict: true,
  options: {
    hosts: { type: 'string', default: '200' }, interval: { type: 'string', default: '15' },
    minutes: { type: 'string', default: '12' }, port: { type: 'string', default: '3460' },
  },
});
const hosts = Number(a.hosts);
const interval = Number(a.interval);
const minutes = Number(a.minutes);
const say = (m: string) => console.log(`alert-noise: ${m}`);

interface Received { alerts: { host: { name: string }; event: string; dimension: string; severity: string }[] }
const posts: Received[] = [];
const receiver = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    try { posts.push(JSON.parse(Buffer.concat(chunks).toString()) as Received); } catch { /* not ours */ }
    res.writeHead(204).end();
  });
});
await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

const dbName = `headroom_alert_noise_${a.port}`;
const url = await createDatabase(dbName);
const server = await serve({ DATABASE_URL: url, HEADROOM_INGEST_RATE: '10000' }, Number(a.port));
const sql = new pg.Client({ connectionString: url });
await sql.connect();
await sql.query(`INSERT INTO channel (id, name, kind, config) VALUES (gen_random_uuid(), 'noise counter', 'webhook', $1::jsonb)`, [JSON.stringify({ url: hook })]);
const rules = await sql.query<{ name: string; for_seconds: number }>(`SELECT name, for_seconds FROM alert_rule WHERE enabled AND deleted_at IS NULL ORDER BY id`);
say(`rules: ${rules.rows.map((r) => `${r.name} (for ${r.for_seconds} s)`).join(', ')}`);

const fleet = simFleet(hosts);
const sender = new Sender(new URL(server.url), createToken(server.env, 'ingest'));
say(`driving ${hosts} hosts every ${interval} s for ${minutes} min against ${server.url}`);
const run = await driveSchedule({ sender, hosts: fleet, intervalSeconds: interval, epochMs: Date.now(), seconds: minutes * 60 });
sender.close();
say(`${run.accepted} of ${run.sent} reports accepted`);
// What the last rounds announced is still waiting out the group wait.
for (let i = 0; i < 60; i++) {
  const { rows } = await sql.query<{ n: string }>(`SELECT count(*) AS n FROM notification WHERE status IN ('pending', 'sending')`);
  if (Number(rows[0]!.n) === 0) break;
  await new Promise((r) => setTimeout(r, 1000));
}
await server.stop();

// A notification row is one message to one channel (one channel here): one
// alert change, or one host's group of them. Its host is in its payload.
const perHost = await sql.query<{ host: string; n: string }>(`
  SELECT COALESCE(payload->'host'->>'name', payload->'alerts'->0->'host'->>'name') AS host, count(*) AS n
  FROM notification WHERE kind = 'alert' GROUP BY 1 ORDER BY 2 DESC, 1`);
const events = await sql.query<{ kind: string; dimension: string; n: string }>(`
  SELECT e.kind, a.dimension, count(*) AS n FROM alert_event e JOIN alert a ON a.id = e.alert_id
  WHERE e.muted IS NULL AND e.kind <> 'pending' GROUP BY 1, 2 ORDER BY 3 DESC`);
await sql.end();
await dropDatabase(dbName);
receiver.close();

const messages = perHost.rows.reduce((s, r) => s + Number(r.n), 0);
const hostHours = (hosts * minutes) / 60;
const worst = perHost.rows[0];
const listed = posts.flatMap((p) => p.alerts ?? []);
const mix = fleet.reduce<Record<string, number>>((m, h) => ({ ...m, [h.pattern]: (m[h.pattern] ?? 0) + 1 }), {});
say(`fleet: ${Object.entries(mix).map(([k, v]) => `${v} ${k}`).join(', ')}`);
say(`alert messages (notification rows): ${messages}, ${(messages / hostHours).toFixed(2)} per host-hour; hosts messaged: ${perHost.rows.length}`);
say(`worst host: ${worst ? `${worst.host}, ${worst.n} messages` : 'none'}`);
say(`webhook: ${posts.length} POSTs listing ${listed.length} alerts`);
say(`announced events by kind and dimension: ${events.rows.map((e) => `${e.kind} ${e.dimension} ${e.n}`).join(', ')}`);
say(`top hosts: ${perHost.rows.slice(0, 10).map((r) => `${r.host} ${r.n}`).join(', ')}`);
