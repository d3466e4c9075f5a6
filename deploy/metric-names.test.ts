// Every PromQL expression shipped for Prometheus and Grafana reads only what
// GET /metrics really exports: its metric names, their labels and the label
// values it matches, taken from the real route over a database holding a real
// agent's report and a host whose use climbs.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { GET as metrics } from '../app/metrics/route';
import { agentBundle } from '../agent/testdata/holder';
import { collect } from '../lib/testing/child';
import { startAppServer, type AppServer } from '../lib/testing/app-server';
import { failuresOf, makeReport } from '../lib/testing/report-factory';
import { useRouteApi } from '../lib/testing/route-database';
import { promqlReads } from './promql';

const deploy = import.meta.dirname;
type Family = { name: string; metrics: { labels?: Record<string, string> }[] };
/** Labels Prometheus adds to every scraped series, and those of its own ALERTS series. */
const scrapeLabels = ['job', 'instance'];
const prometheusOwn: Record<string, string[]> = { ALERTS: ['alertname', 'alertstate', 'severity', 'host', 'dimension', 'status'], ALERTS_FOR_STATE: ['alertname', 'severity', 'host', 'dimension', 'status'] };

const rules = (parse(readFileSync(path.join(deploy, 'prometheus/headroom.rules.yml'), 'utf8')) as { groups: { rules: { alert?: string; record?: string; expr: string }[] }[] }).groups.flatMap((g) => g.rules);
// The rules' own recorded series carry the host and dimension of what they record.
for (const r of rules) if (r.record) prometheusOwn[r.record] = ['host', 'dimension'];
interface Panel { title: string; targets?: { expr: string }[] }
const dashboard = JSON.parse(readFileSync(path.join(deploy, 'grafana/headroom.json'), 'utf8')) as { panels: Panel[]; templating: { list: { name: string; type: string; definition?: string }[] } };

/** Each expression with where it is: rule expressions, panel queries, and the metric inside each label_values() variable. */
function expressions(): { where: string; expr: string; label?: string }[] {
  const out: { where: string; expr: string; label?: string }[] = rules.map((r) => ({ where: `rule ${r.alert ?? r.record}`, expr: r.expr }));
  for (const p of dashboard.panels) for (const t of p.targets ?? []) out.push({ where: `panel "${p.title}"`, expr: t.expr });
  for (const v of dashboard.templating.list.filter((x) => x.type === 'query')) {
    const m = /^label_values\((.+),\s*(\w+)\)$/.exec(v.definition ?? '');
    if (!m) throw new Error(`variable ${v.name}: not label_values(metric, label): ${v.definition}`);
    out.push({ where: `variable ${v.name}`, expr: m[1]!, label: m[2]! });
  }
  return out;
}

describe('the metrics the rules and the dashboard read', () => {
  const api = useRouteApi('pglite');
  let server: AppServer;
  const exported = new Map<string, Map<string, Set<string>>>();
  beforeAll(async () => {
    server = await startAppServer();
    const agent = await collect(spawn(process.execPath, [agentBundle, '--once', '--host-name', 'real-agent'], { env: { ...process.env, HEADROOM_SERVER: server.url, HEADROOM_TOKEN: api.token.ingest, HEADROOM_SPOOL_DIR: mkdtempSync(path.join(os.tmpdir(), 'hr-metrics-')) } }));
    expect(agent.status, agent.stderr).toBe(0);
    // Ten minutes of a climb, so the time-to-exhaustion gauge has a series; its last report caught a failed call, so the counter has one.
    const start = Date.now() - 40 * 15_000;
    for (let i = 0; i <= 40; i++) {
      const report = makeReport({ hostName: 'climbing', instances: 20 + i, collectedAt: new Date(start + i * 15_000), ...(i === 40 ? { failures: failuresOf([{}]) } : {}) });
      const r = await fetch(`${server.url}/api/v1/reports`, { method: 'POST', headers: { authorization: `Bearer ${api.token.ingest}`, 'content-type': 'application/json' }, body: JSON.stringify(report) });
      expect(r.status).toBe(202);
    }
    const res = await metrics(new Request('http://127.0.0.1/metrics', { headers: { authorization: `Bearer ${api.token.read}` } }));
    expect(res.status).toBe(200);
    for (const f of parsePrometheusTextFormat(await res.text()) as Family[]) {
      const labels = new Map<string, Set<string>>();
      for (const m of f.metrics) for (const [k, v] of Object.entries(m.labels ?? {})) labels.set(k, (labels.get(k) ?? new Set()).add(v));
      exported.set(f.name, labels);
    }
  });
  afterAll(async () => { await server?.stop(); });

  it('exports a series of every gauge, the time to exhaustion included', () => {
    expect([...exported.keys()]).toContain('headroom_seconds_to_exhaustion');
    expect(exported.get('headroom_used')!.get('host')).toEqual(new Set(['real-agent', 'climbing']));
  });

  it('are all names and labels /metrics exports, and the values matched are values it gives', () => {
    const problems: string[] = [];
    for (const { where, expr, label } of expressions()) {
      const reads = promqlReads(expr);
      problems.push(...reads.errors.map((e) => `${where}: ${e}`));
      if (reads.selectors.length === 0) problems.push(`${where}: selects no metric`);
      const known = new Set(scrapeLabels);
      for (const s of reads.selectors) {
        const own = prometheusOwn[s.metric];
        const labels = exported.get(s.metric);
        if (!labels && !own) { problems.push(`${where}: ${s.metric} is not exported`); continue; }
        for (const l of own ?? labels!.keys()) known.add(l);
        for (const m of s.matchers) {
          if (!known.has(m.label)) problems.push(`${where}: ${s.metric} has no label ${m.label}`);
          if (own || m.op !== '=' || m.value.includes('$') || scrapeLabels.includes(m.label)) continue;
          if (!labels!.get(m.label)?.has(m.value)) problems.push(`${where}: ${s.metric}{${m.label}="${m.value}"} matches no series /metrics gives`);
        }
        if (own) for (const m of s.matchers.filter((x) => x.label === 'alertname')) {
          if (!rules.some((r) => r.alert === m.value)) problems.push(`${where}: no alert named ${m.value}`);
        }
      }
      for (const l of [...reads.groupingLabels, ...(label ? [label] : [])]) if (!known.has(l)) problems.push(`${where}: groups or matches on ${l}, which what it selects has not`);
    }
    expect(problems).toEqual([]);
  });

  it('leave no exported gauge off the dashboard', () => {
    const shown = new Set(dashboard.panels.flatMap((p) => (p.targets ?? []).flatMap((t) => promqlReads(t.expr).selectors.map((s) => s.metric))));
    expect([...exported.keys()].filter((name) => !shown.has(name))).toEqual([]);
  });
});
