// One host through many rounds of the pure planner, its alert rows kept in
// memory the way evaluation-writes.ts keeps them in the database: for,
// clear spells, reopening, one incident per resource, one message per host.
import { describe, expect, it } from 'vitest';
import { dimensionKeys, type DimensionKey, type HostSummary } from '../protocol';
import type { HostNotification } from './message';
import { AlertRows } from '../testing/alert-rows';
import { planHost, type PlanOptions } from './plan';
import type { Rule } from '../protocol';

const t0 = Date.UTC(2026, 0, 1, 12);
const defaults = (over: Partial<Rule>): Rule => ({ id: 'r', name: 'rule', dimension: 'inotifyInstances', warning: 0.8, critical: 0.9, forSeconds: 60, hysteresis: 0.05, label: null, enabled: true, ...over });
const levelRule = defaults({ id: 'level', name: 'inotify instances (worst UID)' });
const watchRule = defaults({ id: 'watches', name: 'inotify watches (worst UID)', dimension: 'inotifyWatches' });
const exhaustionRule = defaults({ id: 'ttx', name: 'Time to exhaustion', dimension: 'exhaustion', warning: 3600, critical: 900, forSeconds: 180, hysteresis: 0 });

interface Reading { instances?: number; watches?: number; secondsLeft?: number | null }

function summary(r: Reading): HostSummary {
  const used: Record<DimensionKey, number> = { inotifyInstances: r.instances ?? 10, inotifyWatches: r.watches ?? 100, systemFds: 1000, processFds: 50 };
  const limit: Record<DimensionKey, number> = { inotifyInstances: 128, inotifyWatches: 1000, systemFds: 100_000, processFds: 1024 };
  const dims = Object.fromEntries(dimensionKeys.map((k) => [k, { used: used[k], limit: limit[k], fraction: used[k] / limit[k] }])) as HostSummary['dimensions'];
  const exhaustion = { inotifyInstances: r.secondsLeft ?? null, inotifyWatches: null, systemFds: null, processFds: null };
  return { id: 'h', name: 'ci-7', lastSeen: new Date(t0).toISOString(), status: 'ok', statusFromFigures: 'ok', firingAlert: null, worstFraction: 0, dimensions: dims, panicRisk: false, crashingBuildkit: false, machineChanged: false, containersRunning: 0, containerRoom: null, followsContainers: null, labels: [], exhaustion, rising: { inotifyInstances: 0, inotifyWatches: 0, systemFds: 0, processFds: 0 }, exhaustionSeconds: r.secondsLeft ?? null, failuresLastHour: 0 };
}

/** A host evaluated every 5 s, its rows kept as the database keeps them. */
class Host {
  private kept = new AlertRows();
  sent: HostNotification[] = [];
  events: string[] = [];
  constructor(private rules: Rule[], private o: Partial<PlanOptions> = {}) {}
  get rows() { return this.kept.rows; }

  round(sec: number, r: Reading) {
    const now = new Date(t0 + sec * 1000);
    const o: PlanOptions = { now, publicUrl: 'http://h.test', groupWaitMs: 0, resolveAfterMs: 300_000, reopenWindowMs: 3600_000, ...this.o };
    const p = planHost({
      host: { id: 'h', name: 'ci-7', reported: true, summary: summary(r), subjects: { inotifyInstances: 'uid 1000 (ci)', inotifyWatches: 'uid 1000 (ci)', systemFds: null, processFds: null } },
      rules: this.rules, ...this.kept.read('h', now, o.reopenWindowMs!), silenced: false, channelIds: ['c'],
    }, o);
    this.kept.write(p, now);
    for (const e of p.events) this.events.push(`${sec}:${e.kind}:${e.severity}${e.muted ? `(${e.muted})` : ''}`);
    this.sent.push(...p.notifications.map((n) => n.payload));
  }

  /** What receivers were told, one line a notification. */
  told() {
    return this.sent.map((n) => n.alerts.map((a) => `${a.event}:${a.severity}:${a.dimension}`).join(' + '));
  }
}

describe('one host through rounds of the planner', () => {
  it('pages a CI runner whose builds peak every four minutes once, and resolves it once it stays quiet', () => {
    const h = new Host([levelRule]);
    // 90 s at 95 % in every 4 minutes for half an hour, then quiet.
    for (let sec = 0; sec <= 3000; sec += 5) h.round(sec, { instances: sec < 1800 && sec % 240 < 90 ? 122 : 20 });
    expect(h.told()).toEqual(['firing:critical:inotifyInstances', 'resolved:critical:inotifyInstances']);
    expect(h.rows).toHaveLength(1);
    // Fired a minute in (for), resolved five minutes after the last peak ended.
    expect(h.events.filter((e) => !e.includes('pending'))).toEqual(['60:firing:critical', `${1770 + 300}:resolved:critical`]);
  });

  it('never announces a peak shorter than for', () => {
    const h = new Host([levelRule]);
    for (let sec = 0; sec <= 1200; sec += 5) h.round(sec, { instances: sec % 240 < 45 ? 122 : 20 });
    expect(h.told()).toEqual([]);
  });

  it('reopens the same alert when it comes back within the hour, and then needs twice as long to resolve', () => {
    const h = new Host([levelRule]);
    const peaks = (sec: number) => (sec < 120 || (sec >= 600 && sec < 720) ? 122 : 20);
    for (let sec = 0; sec <= 3000; sec += 5) h.round(sec, { instances: peaks(sec) });
    expect(h.told()).toEqual(['firing:critical:inotifyInstances', 'resolved:critical:inotifyInstances', 'firing:critical:inotifyInstances', 'resolved:critical:inotifyInstances']);
    expect(h.rows).toHaveLength(1);
    expect(h.sent[2]!.alerts[0]).toMatchObject({ flaps: 1, alertId: h.rows[0]!.id });
    // Clear from 720 s: ten minutes (twice five) before it resolves again.
    expect(h.events.filter((e) => e.includes('resolved')).at(-1)).toBe(`${720 + 600}:resolved:critical`);
  });

  it('opens one incident for a climb: the trend speaks first, the level only when it is worse, one resolution', () => {
    const h = new Host([levelRule, exhaustionRule]);
    // Minutes of climbing (20 min left, then 10), then at 85 % and 95 %, then back down.
    const at = (sec: number): Reading =>
      sec < 300 ? { instances: 60, secondsLeft: 1200 } : sec < 600 ? { instances: 108, secondsLeft: 600 } : sec < 900 ? { instances: 122, secondsLeft: 300 } : { instances: 20, secondsLeft: null };
    for (let sec = 0; sec <= 1800; sec += 5) h.round(sec, at(sec));
    expect(h.told()).toEqual([
      'firing:warning:exhaustion', // 180 s: for the climb, before any level
      'escalated:critical:exhaustion', // 300 s: 10 minutes left passes the critical level; the level rule at 84 % is no news
      'resolved:critical:inotifyInstances', // both clear together: one says it
    ]);
    expect(h.events).toContain('360:firing:warning(same incident)');
    expect(h.sent[0]!.alerts[0]!.summary).toBe('inotify instances of uid 1000 (ci) full in about 20 min, at 12:23 UTC: 60 of 128 now');
  });

  it('sends one message per host for alerts of one moment, listing each', () => {
    const h = new Host([levelRule, watchRule]);
    for (let sec = 0; sec <= 120; sec += 5) h.round(sec, { instances: 122, watches: 950 });
    expect(h.told()).toEqual(['firing:critical:inotifyInstances + firing:critical:inotifyWatches']);
    expect(h.sent[0]!.alerts.map((a) => a.summary)).toEqual([
      'inotify instances of uid 1000 (ci): 122 of 128 (95 %)',
      'inotify watches of uid 1000 (ci): 950 of 1,000 (95 %)',
    ]);
  });

  it('does not page again when a critical alert steps down and comes back up', () => {
    const h = new Host([levelRule]);
    for (let sec = 0; sec <= 900; sec += 5) h.round(sec, { instances: Math.floor(sec / 120) % 2 === 0 ? 122 : 106 });
    expect(h.told()).toEqual(['firing:critical:inotifyInstances']);
    expect(h.events).toContain('120:deescalated:warning(stepped down)');
    expect(h.events).toContain('240:escalated:critical(same incident)');
  });
});

describe('an exhaustion alert open from before one alert per dimension', () => {
  it('is taken over by the dimension that runs out first, under its key, announcing nothing new', () => {
    const h = new Host([exhaustionRule]);
    const started = new Date(t0 - 600_000);
    h.rows.push({
      id: 'old', hostId: 'h', ruleId: 'ttx', openKey: 'h:ttx', dimension: 'exhaustion', resource: null, state: 'firing', severity: 'warning',
      startedAt: started, acknowledgedAt: null, lastNotifiedAt: started, notifiedSeverity: 'warning', clearSince: null, flaps: 0,
      value: 1500, used: null, limit: null, exhaustionSecs: 1500, subject: null, firedAt: started, resolvedAt: null,
    });
    h.round(0, { instances: 100, secondsLeft: 1500 });
    expect(h.rows).toHaveLength(1);
    expect(h.rows[0]).toMatchObject({ id: 'old', openKey: 'h:ttx:inotifyInstances', resource: 'inotifyInstances', used: 100, limit: 128, subject: 'uid 1000 (ci)' });
    expect(h.told()).toEqual([]);
  });
});
