// deploy/prometheus: the rules pass promtool, their unit tests pass promtool,
// and the same series replayed through Headroom's own alert round, with the
// default rules as the migrations leave them, fire exactly the alerts those
// unit tests expect: the rules are equivalent on every case the file holds,
// but where the file's header says PromQL cannot follow (measured below).
import { execFile, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ruleDimension, type Rule } from '../lib/protocol';
import { openTestDatabase, type TestDatabase } from '../lib/testing/databases';
import { codeBlocks, section } from './docs-steps';
import { alertFor, mismatches, serverDefaults, type Mismatch } from './headroom-replay';
import { promtoolTests, seconds } from './promtool-series';

const dir = path.resolve(import.meta.dirname, 'prometheus');
const rulesFile = path.join(dir, 'headroom.rules.yml');
const testsFile = path.join(dir, 'headroom.rules.test.yml');
const promtool = (...args: string[]) => spawnSync('promtool', args, { cwd: dir, encoding: 'utf8' });
const doc = promtoolTests.parse(parse(readFileSync(testsFile, 'utf8')));

interface PromRule { alert?: string; record?: string; expr: string; for?: string; keep_firing_for?: string; labels?: { severity?: string } }
const declared = (parse(readFileSync(rulesFile, 'utf8')) as { groups: { name: string; rules: PromRule[] }[] }).groups.flatMap((g) => g.rules);

/**
 * Where Headroom and Prometheus part on purpose, as the rules file says: f's
 * alert came back within the reopen window, so Headroom waits 10 minutes
 * clear before it resolves (twice 5), Prometheus 5.
 */
const flapDamping = { alertname: 'HeadroomSystemFds', host: 'f', from: 15 * 60, to: 19 * 60 };
const others = (list: string[]) => list.filter((x) => !x.startsWith(`${flapDamping.alertname} ${flapDamping.host} `));
const known = (m: Mismatch) => m.alertname === flapDamping.alertname && m.at >= flapDamping.from && m.at <= flapDamping.to && others(m.want).join() === others(m.got).join();

const levelsOf = (r: Rule) => [...(r.warning === null ? [] : ['warning']), ...(r.critical === null ? [] : ['critical'])];

describe('Prometheus rules for Headroom', () => {
  let t: TestDatabase;
  let rules: Rule[];
  beforeAll(async () => {
    t = await openTestDatabase('pglite');
    // As the round reads them (lib/alerts/evaluate-alerts.ts).
    const rows = await t.db.alertRule.findMany({ where: { enabled: true, deletedAt: null }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
    rules = rows.map(({ deletedAt: _d, createdAt: _c, updatedAt: _u, ...r }) => ({ ...r, dimension: ruleDimension.parse(r.dimension) }));
  });
  afterAll(async () => { await t?.close(); });

  it('pass promtool check rules, and their unit tests pass promtool test rules', () => {
    const check = promtool('check', 'rules', rulesFile);
    expect(check.stdout + check.stderr).toContain(`SUCCESS: ${declared.length} rules found`);
    expect(check.status).toBe(0);
    const test = promtool('test', 'rules', testsFile);
    expect(test.stdout + test.stderr).toContain('SUCCESS');
    expect(test.status).toBe(0);
  });

  it('are loaded as docs/deploy.md says: its promtool lines, scrape config and Alertmanager route pass the tools', () => {
    const docs = section(readFileSync(path.resolve(dir, '../../docs/deploy.md'), 'utf8'), '## Prometheus');
    const lines = codeBlocks(docs, 'sh').flatMap((b) => b.split('\n')).filter((l) => l.startsWith('promtool '));
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      const r = spawnSync('sh', ['-c', line], { cwd: path.resolve(dir, '../..'), encoding: 'utf8' });
      expect(r.status, `${line}\n${r.stdout}${r.stderr}`).toBe(0);
    }
    const [scrape, alertmanager] = codeBlocks(docs, 'yaml') as [string, string];
    const scratch = mkdtempSync(path.join(os.tmpdir(), 'hr-prom-'));
    writeFileSync(path.join(scratch, 'prometheus.yml'), `rule_files: [${rulesFile}]\n${scrape}`);
    const config = spawnSync('promtool', ['check', 'config', path.join(scratch, 'prometheus.yml')], { encoding: 'utf8' });
    expect(config.status, config.stdout + config.stderr).toBe(0);
    expect(config.stdout).toContain(`SUCCESS: ${declared.length} rules found`);
    writeFileSync(path.join(scratch, 'alertmanager.yml'), `receivers: [{ name: pager }]\n${alertmanager}`);
    const am = spawnSync('amtool', ['check-config', path.join(scratch, 'alertmanager.yml')], { encoding: 'utf8' });
    expect(am.status, am.stdout + am.stderr).toBe(0);
    expect(am.stdout).toContain(' - 1 inhibit rules');
    // One message per host, as Headroom sends one, after its 10 s group wait.
    expect((parse(alertmanager) as { route: { group_by: string[]; group_wait: string } }).route).toMatchObject({ group_by: ['host'], group_wait: '10s' });
  });

  it('name an alert for every default rule, at its levels, with its for and its clear spell', () => {
    const alerts = declared.filter((r) => r.alert && r.alert !== 'HeadroomNotEvaluating');
    expect(rules.map((r) => r.dimension).sort()).toEqual(Object.keys(alertFor).sort());
    expect(alerts.map((r) => `${r.alert} ${r.labels?.severity}`).sort()).toEqual(rules.flatMap((r) => levelsOf(r).map((s) => `${alertFor[r.dimension]} ${s}`)).sort());
    // The first level of each rule holds Headroom's wait and its clear spell;
    // a critical beside a warning fires with it, and has neither.
    const timing = (r: PromRule) => `${r.alert} ${r.labels?.severity} for ${seconds(r.for ?? '0s')} clear ${seconds(r.keep_firing_for ?? '0s')}`;
    expect(alerts.map(timing).sort()).toEqual(rules.flatMap((r) => levelsOf(r).map((s, i) =>
      `${alertFor[r.dimension]} ${s} for ${i === 0 ? r.forSeconds : 0} clear ${i === 0 ? serverDefaults.resolveAfterMs / 1000 : 0}`)).sort());
  });

  it('fire what Headroom\'s default rules fire on the same series, at each evaluation the unit tests check', () => {
    const r = mismatches(doc, rules);
    expect(r.mismatches.filter((m) => !known(m))).toEqual([]);
    expect(r.compared).toBeGreaterThan(140);
    // Every level of every rule is seen firing somewhere, not only staying quiet.
    const levels = rules.flatMap((x) => levelsOf(x).map((s) => `${alertFor[x.dimension]} ${s}`));
    expect(levels.filter((l) => !r.fired.has(l))).toEqual([]);
  });

  it('part where the rules file says: after a comeback Headroom stays firing 5 minutes longer', () => {
    const apart = mismatches(doc, rules).mismatches.filter(known);
    const f = (m: Mismatch, list: string[]) => list.filter((x) => x.startsWith(`${m.alertname} ${flapDamping.host} `));
    expect(apart.map((m) => m.at)).toEqual([15, 16, 17, 18, 19].map((min) => min * 60));
    for (const m of apart) {
      expect(f(m, m.want)).toEqual([]);
      expect(f(m, m.got)).toEqual(['HeadroomSystemFds f system_fds critical', 'HeadroomSystemFds f system_fds warning']);
    }
    // Without the comeback's doubling (a reopen window of 0) the two agree there too.
    expect(mismatches(doc, rules, { ...serverDefaults, reopenWindowMs: 0 }).mismatches).toEqual([]);
  });

  it('no longer match when a wait, a hysteresis or the clear spell is changed on Headroom\'s side', () => {
    const changed: [string, Rule[], typeof serverDefaults][] = [
      ['resolve after 4 min', rules, { ...serverDefaults, resolveAfterMs: 240_000 }],
      ['resolve after 6 min', rules, { ...serverDefaults, resolveAfterMs: 360_000 }],
    ];
    for (const [n, r] of rules.entries()) {
      const edit = (what: string, over: Partial<Rule>) => changed.push([`${r.name}: ${what}`, rules.map((x, i) => (i === n ? { ...x, ...over } : x)), serverDefaults]);
      edit(`for ${r.forSeconds + 60} s`, { forSeconds: r.forSeconds + 60 });
      if (r.forSeconds > 0) edit(`for ${r.forSeconds - 60} s`, { forSeconds: r.forSeconds - 60 });
      if (r.warning === null) continue;
      edit(`hysteresis ${r.hysteresis + 0.03}`, { hysteresis: r.hysteresis + 0.03 });
      if (r.hysteresis > 0) edit(`hysteresis ${r.hysteresis - 0.03}`, { hysteresis: r.hysteresis - 0.03 });
    }
    expect(changed).toHaveLength(2 + 7 * 2 + 1 + 5 + 4);
    const unnoticed = changed.filter(([, r, o]) => mismatches(doc, r, o).mismatches.filter((m) => !known(m)).length === 0).map(([what]) => what);
    expect(unnoticed).toEqual([]);
  });

  it('fail their promtool unit tests when any wait, level or hysteresis written in the rules changes', async () => {
    const src = readFileSync(rulesFile, 'utf8');
    // Each number as written, one edit at a time, a little up and a little down.
    const numbers = /(?<=for: )\d+m|(?<=keep_firing_for: )\d+m|(?<=- )0\.05|(?<=>= )0\.[89]\b|(?<=<= )(?:3600|900)\b|(?<=> )600\b/g;
    const edits = [...src.matchAll(numbers)].flatMap((m) => {
      const v = m[0];
      const alt = v.endsWith('m') ? [`${Number(v.slice(0, -1)) + 1}m`, `${Number(v.slice(0, -1)) - 1}m`] : v === '0.05' ? ['0.04', '0.06'] : [String(Number(v) * 0.9), String(Number(v) * 1.1)];
      const line = src.slice(0, m.index).split('\n').length;
      return alt.map((a) => ({ what: `line ${line}: ${v} → ${a}`, text: src.slice(0, m.index) + a + src.slice(m.index + v.length) }));
    });
    expect(edits.length).toBeGreaterThan(80);
    const run = promisify(execFile);
    const unnoticed: string[] = [];
    const queue = [...edits];
    // Two at a time: the machine's two cores.
    await Promise.all([0, 1].map(async () => {
      for (let e = queue.shift(); e; e = queue.shift()) {
        const scratch = mkdtempSync(path.join(os.tmpdir(), 'hr-prom-edit-'));
        writeFileSync(path.join(scratch, 'headroom.rules.yml'), e.text);
        copyFileSync(testsFile, path.join(scratch, 'headroom.rules.test.yml'));
        const passed = await run('promtool', ['test', 'rules', 'headroom.rules.test.yml'], { cwd: scratch }).then(() => true, () => false);
        if (passed) unnoticed.push(e.what);
      }
    }));
    expect(unnoticed).toEqual([]);
  }, 120_000);
});
