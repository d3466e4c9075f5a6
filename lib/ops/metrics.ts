import 'server-only';
import { Counter, Gauge, Registry } from 'prom-client';
import { fleetQuery } from '../protocol';
import type { Status } from '../protocol';
import { dimensionSpecs } from '../dimensions';
import type { Db } from '../server/db/client';
import { backgroundStatus } from './background-status';
import { countFiring } from '../alerts';
import { failureTotals } from '../history';
import { queryFleet } from '../hosts';

const statuses: Status[] = ['ok', 'warning', 'critical', 'silent'];

/**
 * The fleet as Prometheus gauges, so Grafana boards and Alertmanager routes can
 * use Headroom's numbers. A fresh registry per scrape: hosts come and go.
 */
export async function renderMetrics(db: Db, now = new Date()): Promise<{ body: string; contentType: string }> {
  const registry = new Registry();
  const g = (name: string, help: string, labelNames: string[]) => new Gauge({ name, help, labelNames, registers: [registry] });
  const used = g('headroom_used', 'Current use of a limited resource (worst UID or process where per-UID or per-process).', ['host', 'dimension']);
  const limit = g('headroom_limit', 'The limit that use counts against.', ['host', 'dimension']);
  const ratio = g('headroom_used_ratio', 'Use divided by limit.', ['host', 'dimension']);
  const tte = g('headroom_seconds_to_exhaustion', 'Seconds until the limit is reached at the fitted trend (absent when not confidently rising, or past 7 days).', ['host', 'dimension']);
  const status = g('headroom_host_status', '1 for the host\'s current status.', ['host', 'status']);
  const age = g('headroom_last_report_age_seconds', 'Seconds since the host last reported.', ['host']);
  const panic = g('headroom_watcher_panic_risk', '1 when the host is at watcher-panic risk.', ['host']);
  const crashing = g('headroom_crashing_buildkit', '1 when the host runs BuildKit v0.20.0 or a release candidate.', ['host']);
  const firing = g('headroom_alerts_firing', 'Alerts firing now.', []);
  const { hosts } = await queryFleet(db, { ...fleetQuery.parse({}), per: 1_000_000 }, now);
  for (const h of hosts) {
    for (const { key: k, metric } of dimensionSpecs) {
      const d = h.dimensions[k];
      const labels = { host: h.name, dimension: metric };
      used.set(labels, d.used);
      limit.set(labels, d.limit);
      ratio.set(labels, d.fraction);
      const s = h.exhaustion[k];
      if (s !== null) tte.set(labels, s);
    }
    for (const s of statuses) status.set({ host: h.name, status: s }, h.status === s ? 1 : 0);
    if (h.lastSeen) age.set({ host: h.name }, (now.getTime() - Date.parse(h.lastSeen)) / 1000);
    panic.set({ host: h.name }, h.panicRisk ? 1 : 0);
    crashing.set({ host: h.name }, h.crashingBuildkit ? 1 : 0);
  }
  const failed = new Counter({ name: 'headroom_failed_calls_total', help: 'Calls that could not create an inotify instance, a watch or a file descriptor, as the agent caught them from the kernel (failure capture), since the host enrolled.', labelNames: ['host', 'call', 'errno'], registers: [registry] });
  // Per host too, from its first report at 0: a rule comparing it with 5 minutes ago sees the first failure (deploy/prometheus).
  const hostFailed = new Counter({ name: 'headroom_host_failed_calls_total', help: 'All of the host\'s failed calls (headroom_failed_calls_total summed), present from its first report.', labelNames: ['host'], registers: [registry] });
  const perHost = new Map(hosts.map((h) => [h.name, 0]));
  for (const f of await failureTotals(db)) {
    failed.inc({ host: f.host, call: f.call, errno: f.errno }, f.count);
    perHost.set(f.host, (perHost.get(f.host) ?? 0) + f.count);
  }
  for (const [host, n] of perHost) hostFailed.inc({ host }, n);
  firing.set(await countFiring(db));
  const bg = await backgroundStatus(db, now);
  if (bg.lagSeconds !== null) {
    g('headroom_background_lag_seconds', 'Seconds since the background work (alert evaluation, rollups) last moved forward; about 180 when it runs, over 600 when no worker does.', []).set(bg.lagSeconds);
  }
  if (bg.evaluationLagSeconds !== null) {
    g('headroom_evaluation_lag_seconds', 'Seconds since an alert evaluation round last committed; about the evaluation interval when it works, over 600 when it keeps failing or no worker runs.', []).set(bg.evaluationLagSeconds);
  }
  return { body: await registry.metrics(), contentType: registry.contentType };
}
