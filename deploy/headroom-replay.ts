// promtool's unit-test series replayed through Headroom's own alert round
// (lib/alerts/plan.ts, driven as evaluate-alerts.ts drives it), read back as
// the Prometheus alerts headroom.rules.yml names, for a test to compare.
import { DEFAULT_REOPEN_WINDOW_MS, DEFAULT_RESOLVE_AFTER_MS } from '../lib/alerts';
import { planHost, type PlanOptions } from '../lib/alerts';
import type { Rule, RuleDimension } from '../lib/protocol';
import type { HostSummary } from '../lib/protocol';
import { dimensionKeys, dimensionSpec, isDimensionKey } from '../lib/dimensions';
import { AlertRows } from '../lib/testing/alert-rows';
import { FAILURE_ALERT_WINDOW_MS, type RecentFailure } from '../lib/risk';
import { expandValues, parseSeries, seconds, valueAt, type PromtoolTests, type Sample } from './promtool-series';

/** Each default rule's alert in headroom.rules.yml (a dimension without a default rule has none; the test checks both lists match). */
export const alertFor: Partial<Record<RuleDimension, string>> = {
  inotifyInstances: 'HeadroomInotifyInstances', inotifyWatches: 'HeadroomInotifyWatches', systemFds: 'HeadroomSystemFds',
  processFds: 'HeadroomProcessFds', silent: 'HeadroomHostSilent', panicRisk: 'HeadroomWatcherPanicRisk', exhaustion: 'HeadroomExhaustion',
  failures: 'HeadroomCallsFailed',
};
/** A dimension's `dimension` label on /metrics. */
const metricOf = (k: string) => (isDimensionKey(k) ? dimensionSpec[k].metric : '-');

type PromtoolTest = PromtoolTests['tests'][number];
type Series = { name: string; labels: Record<string, string>; samples: Sample[] };

/** A host as Headroom's round sees it, from the gauges /metrics gives for it at `t`. */
function hostAt(host: string, series: Series[], stepSeconds: number, t: number): HostSummary {
  const v = (name: string, labels: Record<string, string>) => {
    const s = series.find((x) => x.name === name && Object.entries({ host, ...labels }).every(([k, val]) => x.labels[k] === val));
    return s ? valueAt(s.samples, stepSeconds, t) : null;
  };
  const silent = v('headroom_host_status', { status: 'silent' }) === 1;
  const dimensions = Object.fromEntries(dimensionKeys.map((k) => [k, { used: 0, limit: 0, fraction: v('headroom_used_ratio', { dimension: metricOf(k) }) ?? 0 }])) as HostSummary['dimensions'];
  const exhaustion = Object.fromEntries(dimensionKeys.map((k) => [k, v('headroom_seconds_to_exhaustion', { dimension: metricOf(k) })])) as HostSummary['exhaustion'];
  const soonest = Object.values(exhaustion).filter((x): x is number => x !== null);
  return {
    id: host, name: host, lastSeen: null, status: silent ? 'silent' : 'ok', statusFromFigures: silent ? 'silent' : 'ok', firingAlert: null,
    worstFraction: 0, dimensions, panicRisk: v('headroom_watcher_panic_risk', {}) === 1, crashingBuildkit: false, machineChanged: false,
    containersRunning: null, containerRoom: null, followsContainers: null, labels: [], exhaustion, rising: Object.fromEntries(dimensionKeys.map((k) => [k, 0])) as HostSummary['rising'], exhaustionSeconds: soonest.length ? Math.min(...soonest) : null, failuresLastHour: 0,
  };
}

/**
 * The failed calls Headroom would hold for `host` at `t`: each step of its
 * counter is a report with that many failures, counted while it is within
 * the rule's window, as the round reads the failure rows.
 */
function failureAt(host: string, series: Series[], stepSeconds: number, t: number): RecentFailure | null {
  const s = series.find((x) => x.name === 'headroom_host_failed_calls_total' && x.labels.host === host);
  if (!s) return null;
  let total = 0;
  for (let at = t; at > t - FAILURE_ALERT_WINDOW_MS / 1000 && at - stepSeconds >= 0; at -= stepSeconds) {
    const [now, before] = [valueAt(s.samples, stepSeconds, at), valueAt(s.samples, stepSeconds, at - stepSeconds)];
    if (now !== null && before !== null && now > before) total += now - before;
  }
  return total > 0 ? { total, worst: { call: 'inotify_init1', errno: 'EMFILE', program: '-', pid: 0, uid: null, containerName: null, count: total } } : null;
}

export interface ReplayOptions { resolveAfterMs: number; reopenWindowMs: number }
export const serverDefaults: ReplayOptions = { resolveAfterMs: DEFAULT_RESOLVE_AFTER_MS, reopenWindowMs: DEFAULT_REOPEN_WINDOW_MS };

/**
 * The Prometheus alerts ("alertname host dimension severity", `-` for no
 * dimension) each evaluation time of a test shows, from Headroom's rounds of
 * `rules` over its series: a firing alert as its warning (a rule with one)
 * plus its critical when critical, as headroom.rules.yml writes each level.
 */
export function headroomAlerts(test: PromtoolTest, rules: Rule[], evalSeconds: number, o: ReplayOptions = serverDefaults): Map<number, string[]> {
  const stepSeconds = seconds(test.interval);
  const series = test.input_series.map((s) => ({ ...parseSeries(s.series), samples: expandValues(s.values) }));
  const hosts = [...new Set(series.flatMap((s) => (s.labels.host ? [s.labels.host] : [])))];
  const until = Math.max(...test.alert_rule_test.map((a) => seconds(a.eval_time)));
  const kept = new AlertRows();
  const byId = new Map(rules.map((r) => [r.id, r]));
  const firing = new Map<number, string[]>();
  for (let t = 0; t <= until; t += evalSeconds) {
    const now = new Date(t * 1000);
    const options: PlanOptions = { now, publicUrl: 'http://headroom.test', groupWaitMs: 0, ...o };
    for (const host of hosts) {
      const summary = hostAt(host, series, stepSeconds, t);
      const p = planHost({
        host: { id: host, name: host, reported: true, summary, subjects: null, failure: failureAt(host, series, stepSeconds, t) },
        rules, ...kept.read(host, now, o.reopenWindowMs), silenced: false, channelIds: [],
      }, options);
      kept.write(p, now);
    }
    const shown: string[] = [];
    for (const a of kept.rows.filter((x) => x.openKey !== null && x.state === 'firing')) {
      const rule = byId.get(a.ruleId)!;
      const dimension = metricOf(rule.dimension === 'exhaustion' ? a.resource! : rule.dimension);
      const severities = rule.warning === null ? [a.severity] : a.severity === 'critical' ? ['warning', 'critical'] : ['warning'];
      for (const s of severities) shown.push(`${alertFor[rule.dimension]} ${a.hostId} ${dimension} ${s}`);
    }
    firing.set(t, shown.sort());
  }
  return firing;
}

/** What the unit tests expect promtool to show, keyed as headroomAlerts keys them. */
export const expected = (a: PromtoolTest['alert_rule_test'][number]) =>
  a.exp_alerts.map((e) => `${a.alertname} ${e.exp_labels.host} ${e.exp_labels.dimension ?? '-'} ${e.exp_labels.severity}`).sort();

export interface Mismatch { test: number; at: number; alertname: string; want: string[]; got: string[] }

/** Every evaluation the unit tests check for one of Headroom's alerts where its rounds show otherwise. */
export function mismatches(doc: PromtoolTests, rules: Rule[], o: ReplayOptions = serverDefaults): { compared: number; mismatches: Mismatch[]; fired: Set<string> } {
  const evalSeconds = seconds(doc.evaluation_interval);
  const headroom = new Set(Object.values(alertFor));
  const out: Mismatch[] = [];
  const fired = new Set<string>();
  let compared = 0;
  doc.tests.forEach((test, n) => {
    const firing = headroomAlerts(test, rules, evalSeconds, o);
    for (const a of test.alert_rule_test.filter((x) => headroom.has(x.alertname))) {
      const at = seconds(a.eval_time);
      const want = expected(a);
      const got = firing.get(at)!.filter((x) => x.startsWith(`${a.alertname} `));
      if (want.join() !== got.join()) out.push({ test: n, at, alertname: a.alertname, want, got });
      for (const w of want) fired.add(`${a.alertname} ${w.split(' ')[3]}`);
      compared++;
    }
  });
  return { compared, mismatches: out, fired };
}
