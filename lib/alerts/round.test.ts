// A whole evaluation round, planned without a database: hosts, rules, open
// and recent alerts, silences and the last heartbeat in, every change the
// round writes out, at a time of the test's choosing.
import { describe, expect, it } from 'vitest';
import { dimensionKeys, type DimensionKey, type Rule } from '../protocol';
import { DEFAULT_THRESHOLDS } from '../risk';
import type { HostRow, RoundHostRow } from '../hosts';
import type { AlertRow } from './plan';
import { planRound, type RoundOptions, type RoundRead } from './round';

// Years from the wall clock: a planner reading it instead would show in every stamp.
const now = new Date(Date.UTC(2031, 5, 1, 12));
const MIN = 60_000;
const ago = (ms: number) => new Date(now.getTime() - ms);
const o: RoundOptions = { now, publicUrl: 'http://h.test', repeatMs: 4 * 3600_000, groupWaitMs: 10_000, resolveAfterMs: 5 * MIN, reopenWindowMs: 3600_000, roundMs: 5000 };

const rule = (over: Partial<Rule>): Rule => ({ id: 'level', name: 'inotify instances', dimension: 'inotifyInstances', warning: 0.8, critical: 0.9, forSeconds: 0, hysteresis: 0.05, label: null, enabled: true, ...over });
const level = rule({});
const silent = rule({ id: 'silent', name: 'Host silent', dimension: 'silent', warning: null, critical: 1, hysteresis: 0 });

type Host = RoundHostRow;
/** A host heard `heard` ms ago (every 15 s) using `instances` of 128 inotify instances. */
function host(id: string, o: { instances?: number; heard?: number; labels?: string[]; agentLabels?: string[]; trusted?: boolean; shortLived?: boolean } = {}): Host {
  const used: Record<DimensionKey, number> = { inotifyInstances: o.instances ?? 10, inotifyWatches: 100, systemFds: 1000, processFds: 50 };
  const limit: Record<DimensionKey, number> = { inotifyInstances: 128, inotifyWatches: 65536, systemFds: 100_000, processFds: 1024 };
  const figures = Object.fromEntries(dimensionKeys.flatMap((k) => [[`${k}Used`, used[k]], [`${k}Limit`, limit[k]], [`${k}Slope`, 0]]));
  return {
    id, name: `host-${id}`, intervalSeconds: 15, labels: o.labels ?? [], agentLabels: o.agentLabels ?? [], subjects: null,
    agentLabelsTrusted: o.trusted ?? false, shortLived: o.shortLived ?? false,
    state: {
      ...(figures as Omit<NonNullable<HostRow['state']>, 'receivedAt' | 'containersRunning' | 'containerRoom' | 'worstFraction' | 'panicRisk' | 'crashingBuildkit' | 'machineIdChangedAt'>),
      receivedAt: ago(o.heard ?? 5000), containersRunning: 0, containerRoom: null, worstFraction: Math.max(...dimensionKeys.map((k) => used[k] / limit[k])),
      panicRisk: false, crashingBuildkit: false, machineIdChangedAt: null,
    },
  };
}

/** An alert row as the round reads it: firing critical on `hostId` for the level rule, unless told otherwise. */
function alert(hostId: string, over: Partial<AlertRow> = {}): AlertRow {
  return {
    id: `alert-${hostId}`, hostId, ruleId: 'level', openKey: `${hostId}:level`, dimension: 'inotifyInstances', resource: 'inotifyInstances',
    state: 'firing', severity: 'critical', startedAt: ago(30 * MIN), acknowledgedAt: null, lastNotifiedAt: ago(30 * MIN),
    notifiedSeverity: 'critical', clearSince: null, flaps: 0, value: 122 / 128, used: 122, limit: 128, exhaustionSecs: null, subject: null, ...over,
  };
}

const read = (over: Partial<RoundRead>): RoundRead => ({
  rules: [level], hosts: [], open: [], recent: [], silences: [], channelIds: ['mail', 'slack'],
  heartbeat: { at: ago(5000).toISOString() }, thresholds: DEFAULT_THRESHOLDS, ...over,
});
const kinds = (p: { events: { kind: string; muted: string | null }[] }) => p.events.map((e) => `${e.kind}${e.muted ? `(${e.muted})` : ''}`);

describe('an evaluation round, planned', () => {
  it('opens an alert past its level and announces it once per channel, after the group wait', async () => {
    const p = await planRound(read({ hosts: [host('a', { instances: 122 }), host('b')] }), o);
    expect(p.created).toMatchObject([{ hostId: 'a', ruleId: 'level', state: 'firing', severity: 'critical', firedAt: now, lastNotifiedAt: now }]);
    expect(kinds(p)).toEqual(['firing']);
    expect(p.notifications.map((n) => [n.channelId, n.hostId, n.nextAttemptAt])).toEqual([
      ['mail', 'a', new Date(now.getTime() + 10_000)], ['slack', 'a', new Date(now.getTime() + 10_000)],
    ]);
    expect(p.notifications[0]!.payload.alerts).toMatchObject([{ event: 'firing', severity: 'critical', host: { name: 'host-a' }, url: 'http://h.test/hosts/a' }]);
  });

  it('stamps the round with the time it was given, and joins waiting outbox rows due after a second from then', async () => {
    const p = await planRound(read({}), o);
    expect([p.at, p.joinDueAfter, p.heartbeat]).toEqual([now, new Date(now.getTime() + 1000), { at: now.toISOString() }]);
  });

  it('records, but does not send, what fires on a host silenced by name or by label', async () => {
    const p = await planRound(read({
      hosts: [host('a', { instances: 122 }), host('b', { instances: 122, labels: ['ci'] }), host('c', { instances: 122 })],
      silences: [{ hostId: 'a', label: null }, { hostId: null, label: 'ci' }],
    }), o);
    expect(p.events.map((e) => `${e.hostId}:${e.kind}:${e.muted}`)).toEqual(['a:firing:silenced', 'b:firing:silenced', 'c:firing:null']);
    expect(new Set(p.notifications.map((n) => n.hostId))).toEqual(new Set(['c']));
  });

  it('lets a silence match a label its agent sent only where the token keeps a list an admin chose', async () => {
    const p = await planRound(read({
      hosts: [host('a', { instances: 122, agentLabels: ['ci'] }), host('b', { instances: 122, agentLabels: ['ci'], trusted: true })],
      silences: [{ hostId: null, label: 'ci' }],
    }), o);
    expect(p.events.map((e) => `${e.hostId}:${e.kind}:${e.muted}`)).toEqual(['a:firing:null', 'b:firing:silenced']);
  });

  it('escalates a warning that reached critical, and says so', async () => {
    const p = await planRound(read({ hosts: [host('a', { instances: 122 })], open: [alert('a', { severity: 'warning', notifiedSeverity: 'warning' })] }), o);
    expect(p.updated).toMatchObject([{ id: 'alert-a', severity: 'critical', resolved: false }]);
    expect(kinds(p)).toEqual(['escalated']);
    expect(p.notifications).toHaveLength(2);
  });

  it('repeats a firing alert nobody acknowledged once the repeat interval has passed, and not before', async () => {
    const stale = await planRound(read({ hosts: [host('a', { instances: 122 })], open: [alert('a', { lastNotifiedAt: ago(5 * 3600_000) })] }), o);
    expect(kinds(stale)).toEqual(['repeat']);
    expect(stale.updated).toMatchObject([{ id: 'alert-a', lastNotifiedAt: now }]);
    expect(stale.notifications[0]!.payload.alerts[0]!.event).toBe('repeat');
    const recent = await planRound(read({ hosts: [host('a', { instances: 122 })], open: [alert('a')] }), o);
    expect([recent.events, recent.updated, recent.notifications]).toEqual([[], [], []]);
  });

  it('resolves a firing alert clear for the resolve wait, and only then', async () => {
    const clear = (since: number) => planRound(read({ hosts: [host('a', { instances: 20 })], open: [alert('a', { clearSince: ago(since) })] }), o);
    const waiting = await clear(4 * MIN);
    expect([waiting.events, waiting.notifications]).toEqual([[], []]);
    const done = await clear(5 * MIN);
    expect(done.updated).toMatchObject([{ id: 'alert-a', state: 'resolved', resolved: true }]);
    expect(kinds(done)).toEqual(['resolved']);
    expect(done.notifications[0]!.payload.alerts[0]).toMatchObject({ event: 'resolved', alertId: 'alert-a' });
  });

  it('reopens an alert that fires again within the reopen window: same id, one more flap', async () => {
    const back = alert('a', { state: 'resolved', openKey: null, flaps: 1 });
    const p = await planRound(read({ hosts: [host('a', { instances: 122 })], recent: [back] }), o);
    expect(p.created).toEqual([]);
    expect(p.updated).toMatchObject([{ id: 'alert-a', state: 'firing', reopened: true, openKey: 'a:level', flaps: 2 }]);
    expect(p.notifications[0]!.payload.alerts[0]).toMatchObject({ alertId: 'alert-a', flaps: 2 });
  });

  it('closes, quietly, an open alert whose rule is no longer in force', async () => {
    const p = await planRound(read({ rules: [], hosts: [host('a', { instances: 122 })], open: [alert('a')] }), o);
    expect(p.updated).toMatchObject([{ id: 'alert-a', resolved: true }]);
    expect(kinds(p)).toEqual(['resolved(rule changed)']);
    expect(p.notifications).toEqual([]);
  });

  it('does not call hosts silent for a pause of the server, and carries the pause in the heartbeat', async () => {
    // Heard ten seconds before the last round committed, ten minutes ago.
    const quiet = host('a', { heard: 10 * MIN + 10_000 });
    const paused = await planRound(read({ rules: [silent], hosts: [quiet], heartbeat: { at: ago(10 * MIN).toISOString() } }), o);
    expect(paused.created).toEqual([]);
    expect(paused.heartbeat).toEqual({ at: now.toISOString(), downSince: ago(10 * MIN).toISOString(), resumedAt: now.toISOString() });
    // With the server there all along, the same host is silent.
    const heard = await planRound(read({ rules: [silent], hosts: [quiet] }), o);
    expect(heard.created).toMatchObject([{ hostId: 'a', ruleId: 'silent', state: 'firing' }]);
  });

  it('marks the silence of a host that stopped within an hour of enrolling, and only that one', async () => {
    const p = await planRound(read({ rules: [silent], hosts: [host('flood', { heard: 10 * MIN, shortLived: true }), host('real', { heard: 10 * MIN })] }), o);
    const by = new Map(p.notifications.map((n) => [n.hostId, n.payload.alerts[0]!]));
    expect(by.get('flood')).toMatchObject({ dimension: 'silent', shortLived: true });
    expect(by.get('real')!.shortLived).toBeUndefined();
  });

  it('lets requests in between slices of a large fleet', async () => {
    let breaths = 0;
    const hosts = Array.from({ length: 1200 }, (_, i) => host(`h${i}`));
    await planRound(read({ hosts }), o, async () => { breaths++; });
    expect(breaths).toBe(2);
  });
});
