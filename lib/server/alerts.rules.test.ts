// An alert whose rule no longer applies (disabled, or the host lost the rule's
// label) closes, quietly, instead of firing forever. Real databases, real rounds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds, openTestDatabase, type TestDatabase } from '../testing/databases';
import { makeReport } from '../testing/report-factory';
import { evaluateAlerts } from './services/evaluate-alerts';
import { ingestReport } from './services/ingest-report';
import { createRule, parseRule, updateRule } from './services/rules';
import { setHostLabels } from './services/set-host-labels';

const principal = { tokenId: 't', name: 't', scope: 'ingest' as const, hostName: null };
const opts = { publicUrl: 'http://headroom.test', repeatMs: 4 * 3600_000, groupWaitMs: 0 };

describe.each(dbKinds)('alerts of a rule that no longer applies, on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => { t = await openTestDatabase(kind); });
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
});
