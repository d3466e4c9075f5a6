// An alert whose rule no longer applies (disabled, deleted, or the host lost
// the rule's label) closes, quietly, instead of firing forever. Real databases, real rounds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds, openTestDatabase, type TestDatabase } from '../testing/databases';
import { makeReport } from '../testing/report-factory';
import { evaluateAlerts } from './evaluate-alerts';
import { ingestReport } from '../ingest';
import { listAlerts } from './list-alerts';
import { createRule, deleteRule, listRules, parseRule, updateRule } from './rules';
import { setHostLabels } from '../hosts';
import { testPrincipal as principal } from '../testing/principal';
import { atOnce, rulesFireAtOnce } from '../testing/alerting';

const opts = atOnce;

describe.each(dbKinds)('alerts of a rule that no longer applies, on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
    await rulesFireAtOnce(t.db);
  });
  afterAll(async () => { await t.close(); });

  const alertsOf = (host: string, ruleId: string) =>
    t.db.alert.findMany({ where: { host: { name: host }, ruleId }, orderBy: { startedAt: 'asc' }, select: { state: true, events: { select: { kind: true, muted: true }, orderBy: { at: 'asc' } } } });

  it('closes the open alerts of a disabled rule, and fires again once it is enabled', async () => {
    await ingestReport(t.db, principal, makeReport({ hostName: 'full', instances: 122 }));
    await evaluateAlerts(t.db, opts);
    const rule = await t.db.alertRule.findFirstOrThrow({ where: { dimension: 'inotifyInstances' } });
    expect((await alertsOf('full', rule.id)).map((a) => a.state)).toEqual(['firing']);
    const { id } = rule;
    const input = parseRule({ ...rule, id: undefined, createdAt: undefined, updatedAt: undefined });
    await updateRule(t.db, id, { ...input, enabled: false });
    await evaluateAlerts(t.db, opts);
    const closed = await alertsOf('full', rule.id);
    expect(closed.map((a) => a.state)).toEqual(['resolved']);
    // Closed quietly: muted, so no "back to normal" goes out.
    expect(closed[0]!.events.at(-1)).toEqual({ kind: 'resolved', muted: 'rule changed' });
    await updateRule(t.db, id, { ...input, enabled: true });
    await evaluateAlerts(t.db, opts);
    expect((await alertsOf('full', rule.id)).map((a) => a.state)).toEqual(['resolved', 'firing']);
  });

  it("closes a label rule's alert when the host loses the label", async () => {
    const rule = await createRule(t.db, { name: 'CI fds', dimension: 'processFds', warning: 0.5, critical: null, forSeconds: 0, hysteresis: 0.05, label: 'ci', enabled: true });
    const hostId = (await ingestReport(t.db, principal, makeReport({ hostName: 'runner', processFds: [700, 1024] }))).hostId;
    await setHostLabels(t.db, hostId, ['ci']);
    await evaluateAlerts(t.db, opts);
    expect((await alertsOf('runner', rule.id)).map((a) => a.state)).toEqual(['firing']);
    await setHostLabels(t.db, hostId, []);
    await evaluateAlerts(t.db, opts);
    expect((await alertsOf('runner', rule.id)).map((a) => a.state)).toEqual(['resolved']);
  });

  it('evaluates on while a rule this version cannot read is disabled', async () => {
    // Written by a newer version, then disabled after a downgrade.
    await t.db.alertRule.create({ data: { name: 'from the future', dimension: 'gpuMemory', warning: 0.8, critical: 0.9, enabled: false } });
    await ingestReport(t.db, principal, makeReport({ hostName: 'still-watched', instances: 122 }));
    await expect(evaluateAlerts(t.db, opts)).resolves.toMatchObject({ ran: true });
    expect(await t.db.alert.count({ where: { host: { name: 'still-watched' }, state: 'firing' } })).toBeGreaterThan(0);
  });

  it('keeps the history of a deleted rule: its open alert closes quietly, its past alerts stay', async () => {
    const input = { name: 'Watches, early', dimension: 'inotifyWatches' as const, warning: 0.001, critical: null, forSeconds: 0, hysteresis: 0, label: null, enabled: true };
    const rule = await createRule(t.db, input);
    await ingestReport(t.db, principal, makeReport({ hostName: 'retired-rule-host', instances: 2 }));
    await evaluateAlerts(t.db, opts);
    expect((await alertsOf('retired-rule-host', rule.id)).map((a) => a.state)).toEqual(['firing']);
    await deleteRule(t.db, rule.id);
    expect((await listRules(t.db)).map((r) => r.id)).not.toContain(rule.id);
    await expect(updateRule(t.db, rule.id, input)).rejects.toMatchObject({ code: 'not_found' });
    await expect(deleteRule(t.db, rule.id)).rejects.toMatchObject({ code: 'not_found' });
    await evaluateAlerts(t.db, opts);
    const kept = await alertsOf('retired-rule-host', rule.id);
    expect(kept.map((a) => a.state)).toEqual(['resolved']);
    expect(kept[0]!.events.map((e) => e.kind)).toEqual(['firing', 'resolved']);
    expect(kept[0]!.events.at(-1)).toEqual({ kind: 'resolved', muted: 'rule changed' });
    // History still names the rule, and says it is gone.
    const history = await listAlerts(t.db, { view: 'resolved', host: 'retired-rule-host' });
    expect(history.map((a) => a.rule)).toEqual([{ name: 'Watches, early', deletedAt: expect.any(Date) }]);
    await evaluateAlerts(t.db, opts);
    expect((await alertsOf('retired-rule-host', rule.id)).map((a) => a.state)).toEqual(['resolved']);
  });

  it('closes an alert its rule opened after a round read the rule and before it was deleted', async () => {
    // The race: a round reads the rule, the rule is deleted, the round opens an alert.
    const rule = await createRule(t.db, { name: 'Racing', dimension: 'systemFds', warning: 0.0001, critical: null, forSeconds: 0, hysteresis: 0, label: null, enabled: true });
    const hostId = (await ingestReport(t.db, principal, makeReport({ hostName: 'racer' }))).hostId;
    await t.db.alertRule.update({ where: { id: rule.id }, data: { enabled: false, deletedAt: new Date() } });
    await t.db.alert.create({ data: { hostId, ruleId: rule.id, openKey: `${hostId}:${rule.id}`, dimension: 'systemFds', state: 'firing', severity: 'warning', value: 0.5, startedAt: new Date(), firedAt: new Date() } });
    await evaluateAlerts(t.db, opts);
    expect((await alertsOf('racer', rule.id)).map((a) => a.state)).toEqual(['resolved']);
  });
});
