// deploy/prometheus: the rules pass promtool, their unit tests pass promtool,
// and the same series replayed through Headroom's own evaluator, with the
// default rules as the migrations leave them, fire exactly the alerts those
// unit tests expect: the rules are equivalent on every case the file holds.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { measure, step, type OpenAlert } from '../lib/alerts/evaluate';
import { ruleDimension, type Rule, type RuleDimension } from '../lib/alerts/rule';
import { dimensionKeys, type HostSummary } from '../lib/protocol/api';
import { openTestDatabase, type TestDatabase } from '../lib/testing/databases';
import { codeBlocks, section } from './docs-steps';
import { expandValues, parseSeries, promtoolTests, seconds, valueAt, type PromtoolTests, type Sample } from './promtool-series';

const dir = path.resolve(import.meta.dirname, 'prometheus');
const rulesFile = path.join(dir, 'headroom.rules.yml');
const testsFile = path.join(dir, 'headroom.rules.test.yml');
const promtool = (...args: string[]) => spawnSync('promtool', args, { cwd: dir, encoding: 'utf8' });

/** Each default rule's alert in headroom.rules.yml. */
const alertFor: Record<RuleDimension, string> = {
  inotifyInstances: 'HeadroomInotifyInstances', inotifyWatches: 'HeadroomInotifyWatches', systemFds: 'HeadroomSystemFds',
  processFds: 'HeadroomProcessFds', silent: 'HeadroomHostSilent', panicRisk: 'HeadroomWatcherPanicRisk', exhaustion: 'HeadroomExhaustion',
};
const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

type Series = { name: string; labels: Record<string, string>; samples: Sample[] };

/** A host as Headroom's evaluator sees it, from the gauges /metrics gives for it at `t`. */
function hostAt(host: string, series: Series[], stepSeconds: number, t: number): HostSummary {
  const v = (name: string, labels: Record<string, string>) => {
    const s = series.find((x) => x.name === name && Object.entries({ host, ...labels }).every(([k, val]) => x.labels[k] === val));
    return s ? valueAt(s.samples, stepSeconds, t) : null;
  };
  const silent = v('headroom_host_status', { status: 'silent' }) === 1;
  const dimensions = Object.fromEntries(dimensionKeys.map((k) => [k, { used: 0, limit: 0, fraction: v('headroom_used_ratio', { dimension: snake(k) }) ?? 0 }])) as HostSummary['dimensions'];
  const exhaustion = Object.fromEntries(dimensionKeys.map((k) => [k, v('headroom_seconds_to_exhaustion', { dimension: snake(k) })])) as HostSummary['exhaustion'];
  const soonest = Object.values(exhaustion).filter((x): x is number => x !== null);
  return {
    id: host, name: host, lastSeen: null, status: silent ? 'silent' : 'ok', statusFromFigures: silent ? 'silent' : 'ok', firingAlert: null,
    worstFraction: 0, dimensions, panicRisk: v('headroom_watcher_panic_risk', {}) === 1, crashingBuildkit: false, machineChanged: false,
    containersRunning: null, labels: [], exhaustion, exhaustionSeconds: soonest.length ? Math.min(...soonest) : null,
  };
}

/**
 * The Prometheus alerts ("alertname host severity") each evaluation time of a
 * test should show, from Headroom's own evaluation of `rules` over its series:
 * a firing alert shows as its warning (a rule with one) plus its critical when
 * critical, as headroom.rules.yml writes each level.
 */
function headroomAlerts(test: PromtoolTests['tests'][number], rules: Rule[], evalSeconds: number): Map<number, string[]> {
  const stepSeconds = seconds(test.interval);
  const series = test.input_series.map((s) => ({ ...parseSeries(s.series), samples: expandValues(s.values) }));
  const hosts = [...new Set(series.flatMap((s) => (s.labels.host ? [s.labels.host] : [])))];
  const until = Math.max(...test.alert_rule_test.map((a) => seconds(a.eval_time)));
  const open = new Map<string, OpenAlert>();
  const firing = new Map<number, string[]>();
  for (let t = 0; t <= until; t += evalSeconds) {
    const now: string[] = [];
    for (const host of hosts) {
      const summary = hostAt(host, series, stepSeconds, t);
      for (const rule of rules) {
        const key = `${rule.id} ${host}`;
        const next = step(rule, measure(rule, summary), open.get(key) ?? null, { silenced: false, now: new Date(t * 1000) }).next;
        if (next) open.set(key, next);
        else open.delete(key);
        if (next?.state !== 'firing') continue;
        const severities = next.severity === 'critical' ? ['warning', 'critical'] : ['warning'];
        for (const s of rule.warning === null ? [next.severity] : severities) now.push(`${alertFor[rule.dimension]} ${host} ${s}`);
      }
    }
    firing.set(t, now.sort());
  }
  return firing;
}

describe('Prometheus rules for Headroom', () => {
  let t: TestDatabase;
  let rules: Rule[];
  beforeAll(async () => {
    t = await openTestDatabase('pglite');
    const rows = await t.db.alertRule.findMany({ where: { enabled: true, deletedAt: null } });
    rules = rows.map(({ deletedAt: _d, createdAt: _c, updatedAt: _u, ...r }) => ({ ...r, dimension: ruleDimension.parse(r.dimension) }));
  });
  afterAll(async () => { await t?.close(); });

  it('pass promtool check rules, and their unit tests pass promtool test rules', () => {
    const check = promtool('check', 'rules', rulesFile);
    expect(check.stdout + check.stderr).toContain('SUCCESS: 13 rules found');
    expect(check.status).toBe(0);
    const test = promtool('test', 'rules', testsFile);
    expect(test.stdout + test.stderr).toContain('SUCCESS');
    expect(test.status).toBe(0);
  });

  it('are loaded as docs/deploy.md says: its promtool lines, scrape config and Alertmanager inhibition pass the tools', () => {
    const docs = section(readFileSync(path.resolve(dir, '../../docs/deploy.md'), 'utf8'), '## Prometheus');
    const lines = codeBlocks(docs, 'sh').flatMap((b) => b.split('\n')).filter((l) => l.startsWith('promtool '));
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      const r = spawnSync('sh', ['-c', line], { cwd: path.resolve(dir, '../..'), encoding: 'utf8' });
      expect(r.status, `${line}\n${r.stdout}${r.stderr}`).toBe(0);
    }
    const [scrape, inhibit] = codeBlocks(docs, 'yaml') as [string, string];
    const scratch = mkdtempSync(path.join(os.tmpdir(), 'hr-prom-'));
    writeFileSync(path.join(scratch, 'prometheus.yml'), `rule_files: [${rulesFile}]\n${scrape}`);
    const config = spawnSync('promtool', ['check', 'config', path.join(scratch, 'prometheus.yml')], { encoding: 'utf8' });
    expect(config.status, config.stdout + config.stderr).toBe(0);
    expect(config.stdout).toContain('SUCCESS: 13 rules found');
    writeFileSync(path.join(scratch, 'alertmanager.yml'), `route: { receiver: pager }\nreceivers: [{ name: pager }]\n${inhibit}`);
    const am = spawnSync('amtool', ['check-config', path.join(scratch, 'alertmanager.yml')], { encoding: 'utf8' });
    expect(am.status, am.stdout + am.stderr).toBe(0);
    expect(am.stdout).toContain(' - 1 inhibit rules');
  });

  it('name an alert for every default rule, at the levels that rule has', () => {
    const declared = (parse(readFileSync(rulesFile, 'utf8')) as { groups: { rules: { alert: string; labels: { severity: string } }[] }[] })
      .groups.flatMap((g) => g.rules.map((r) => `${r.alert} ${r.labels.severity}`));
    const expected = rules.flatMap((r) => [...(r.warning === null ? [] : ['warning']), ...(r.critical === null ? [] : ['critical'])].map((s) => `${alertFor[r.dimension]} ${s}`));
    expect(rules.map((r) => r.dimension).sort()).toEqual(Object.keys(alertFor).sort());
    expect(declared.filter((d) => !d.startsWith('HeadroomNotEvaluating')).sort()).toEqual(expected.sort());
  });

  it('fire what Headroom\'s default rules fire on the same series, at each evaluation the unit tests check', () => {
    const doc = promtoolTests.parse(parse(readFileSync(testsFile, 'utf8')));
    const evalSeconds = seconds(doc.evaluation_interval);
    const headroom = new Set(Object.values(alertFor));
    const seenFiring = new Set<string>();
    let compared = 0;
    for (const test of doc.tests) {
      const firing = headroomAlerts(test, rules, evalSeconds);
      for (const a of test.alert_rule_test.filter((x) => headroom.has(x.alertname))) {
        const want = a.exp_alerts.map((e) => `${a.alertname} ${e.exp_labels.host} ${e.exp_labels.severity}`).sort();
        const got = firing.get(seconds(a.eval_time))!.filter((x) => x.startsWith(`${a.alertname} `));
        expect(got, `${a.alertname} at ${a.eval_time}`).toEqual(want);
        for (const w of want) seenFiring.add(`${a.alertname} ${w.split(' ')[2]}`);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(30);
    // Every level of every rule is seen firing somewhere, not only staying quiet.
    const levels = rules.flatMap((r) => [...(r.warning === null ? [] : ['warning']), ...(r.critical === null ? [] : ['critical'])].map((s) => `${alertFor[r.dimension]} ${s}`));
    expect(levels.every((l) => seenFiring.has(l)), levels.filter((l) => !seenFiring.has(l)).join(', ')).toBe(true);
  });
});
