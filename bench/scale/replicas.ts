// Two server processes on one Postgres, behind a round-robin "load balancer",
// under the 10,000-host load: ingest, alerting and the dashboard must stay
// correct. Checked from the database and a webhook receiver the bench runs.
import { createDb } from '../../lib/server/db/client';
import { RoundRobin, Sender } from '../../lib/sim/drive';
import { startWebhookReceiver } from '../../lib/testing/receivers';
import { fleetAt, type Run } from './ingest';
import { createToken, dropDatabase, freshDatabase, serve } from './servers';

export interface ReplicaCheck { ok: boolean; run: Run; summary: string }

const DB = 'headroom_bench_replicas';
const HOSTS = 10_000;
const SECONDS = 60;

export async function checkReplicas(log: (m: string) => void): Promise<ReplicaCheck> {
  const url = await freshDatabase(DB);
  const hook = await startWebhookReceiver();
  const env = { DATABASE_URL: url, HEADROOM_ALERT_GROUP_WAIT: '2' };
  const a = await serve(env, 3942); // migrates first
  const b = await serve(env, 3943);
  const db = createDb(url);
  try {
    await db.channel.create({ data: { name: 'bench hook', kind: 'webhook', config: { url: hook.url } } });
    const token = createToken(a.env, 'ingest');
    const senders = [new Sender(new URL(a.url), token), new Sender(new URL(b.url), token)];
    // From 60 s of simulated time: CI hosts climb to the peak of a build (alerts fire) and silent hosts stop.
    const run = await fleetAt(new RoundRobin(senders), HOSTS, SECONDS, log, 60);
    for (const s of senders) s.close();
    // Let both workers evaluate and deliver what the last reports caused.
    await new Promise((r) => setTimeout(r, 20_000));

    const [stored] = await db.$queryRawUnsafe<{ n: number }[]>(`
      SELECT ((SELECT count(*) FROM report) + (SELECT coalesce(sum(cardinality(at)), 0) FROM report_chunk))::float8 AS n`);
    // Duplicates (a retry of a report whose answer was lost) are accepted but stored once.
    const expected = run.warmupStored + run.accepted - run.duplicates;
    const states = await db.hostState.count();
    const hosts = await db.host.count();
    const [dupEvents] = await db.$queryRawUnsafe<{ n: number }[]>(`
      SELECT count(*)::float8 AS n FROM (SELECT alert_id, kind FROM alert_event WHERE kind IN ('firing', 'pending') GROUP BY 1, 2 HAVING count(*) > 1) d`);
    const firing = await db.alert.count({ where: { state: 'firing' } });
    const delivered = hook.received.flatMap((r) => ((r.json as { alerts?: { alertId: string; event: string }[] }).alerts ?? []).map((m) => `${m.alertId}/${m.event}`));
    const dupDelivered = delivered.length - new Set(delivered).size;
    const read = createToken(a.env, 'read');
    // The same hosts through either replica. (Status counts are not compared: they move
    // between two requests as hosts fall silent.)
    const views = await Promise.all([a, b].map(async (s) => (await (await fetch(`${s.url}/api/v1/hosts?per=10000&sort=name`, { headers: { authorization: `Bearer ${read}` } })).json()) as { total: number; hosts: { id: string }[] }));
    const ids = views.map((v) => v.hosts.map((h) => h.id).join(','));
    const sameView = views[0]!.total === views[1]!.total && ids[0] === ids[1];
    const checks: [string, boolean][] = [
      [`every accepted report stored once (${stored!.n} rows for ${expected} accepted, first interval included; ${run.unaccepted} never accepted)`, stored!.n === expected && run.unaccepted === 0],
      [`one current state per host (${states} for ${hosts} hosts)`, states === hosts && hosts > 0],
      [`no alert fired twice (${dupEvents!.n} duplicated firing or pending events; ${firing} alerts firing)`, dupEvents!.n === 0 && firing > 0],
      [`no notification delivered twice (${delivered.length} alert messages in ${hook.received.length} webhook deliveries, ${dupDelivered} repeated)`, dupDelivered === 0 && delivered.length > 0],
      [`both replicas list the same hosts (${views[0]!.total})`, sameView],
    ];
    const ok = checks.every(([, pass]) => pass);
    const summary = `${HOSTS.toLocaleString('en-US')} hosts every 15 s for ${SECONDS} s, alternating between two \`headroom serve\` processes on one Postgres, both running alert evaluation, delivery, rollups and pruning, with a webhook channel: ${Math.round(run.rate)} reports/s accepted, p50 ${run.p50.toFixed(1)} ms, p99 ${run.p99.toFixed(1)} ms.\n\n${checks.map(([what, pass]) => `- ${pass ? 'correct' : '**wrong**'}: ${what}`).join('\n')}`;
    log(summary);
    return { ok, run, summary };
  } finally {
    await db.$disconnect();
    await a.stop();
    await b.stop();
    await hook.close();
    await dropDatabase(DB);
  }
}
