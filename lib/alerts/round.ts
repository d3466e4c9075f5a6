// One evaluation round, pure: every host's plan (plan.ts) under the round's
// pause, silences and thresholds, merged into what the round writes. The
// clock is `now`; evaluate-alerts.ts reads the inputs and
// evaluation-writes.ts runs the result.
import type { ChannelRoute, Rule } from '../protocol';
import type { RecentFailure, Subjects, Thresholds } from '../risk';
import { silenceLabels, toSummary, type HostRow, type RoundHostRow } from '../hosts';
import { heardAt, latestPause, type Heartbeat, type Pause } from './pause';
import { planHost, type AlertRow, type HostPlan, type PlanOptions } from './plan';

export interface RoundRead {
  /** The rules in force (enabled, not deleted): open alerts of any other rule close. */
  rules: Rule[];
  hosts: RoundHostRow[];
  /** Every open alert, and those resolved by their condition within the reopen window, oldest first. */
  open: AlertRow[];
  recent: AlertRow[];
  /** Silences in force now. */
  silences: { hostId: string | null; label: string | null }[];
  /** Enabled channels: each announcement is one outbox row per host and channel. */
  channelIds: string[];
  /** Those that carry only some alerts. */
  routes?: ReadonlyMap<string, ChannelRoute>;
  /** What the last committed round left (setting `evaluation`): when it ran, and the latest pause. */
  heartbeat: Heartbeat | null;
  thresholds: Thresholds;
  /** Hosts with failed calls within the failure rule's window (lib/history recentFailures). */
  failures?: ReadonlyMap<string, RecentFailure>;
}

export interface RoundOptions extends PlanOptions {
  /** How often rounds run: a gap much longer since the last one is a pause (pause.ts). */
  roundMs: number;
}

/**
 * What a round changes. Transitions are the alert rows (created: opened,
 * pending or firing; updated: escalated, stepped down, resolved, reopened,
 * a repeat's time; deleted: a pending alert a reopened one replaces), each
 * with its event (repeats are events of kind "repeat"). Notifications are the
 * outbox rows, one per host and channel announcing something.
 */
export interface RoundPlan extends HostPlan {
  /** The round's time, stamped on every row it writes. */
  at: Date;
  /**
   * A host's outbox row for a channel that is still waiting out its group
   * wait and due after this takes the round's alerts (one message for the
   * moment); one due sooner may be claimed by a delivery at any moment.
   */
  joinDueAfter: Date;
  /** Written with the round's changes: it says the round committed, and carries the latest pause. */
  heartbeat: Heartbeat;
}

// A row due this soon may be claimed by a delivery at any moment: start a new one rather than add to it.
const APPEND_MARGIN_MS = 1000;
// Thousands of hosts are a long stretch of JavaScript: `breathe` lets requests in this often.
const BREATHE_EVERY = 500;

/** The host as alerting sees it: silent only for time the server was there to hear it. */
function heard(h: HostRow, pause: Pause | null, t: Thresholds): HostRow {
  if (!h.state) return h;
  const at = heardAt(h.state.receivedAt.getTime(), h.intervalSeconds, pause, t);
  return at === h.state.receivedAt.getTime() ? h : { ...h, state: { ...h.state, receivedAt: new Date(at) } };
}

const byHost = <T extends { hostId: string }>(rows: T[]) => {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const list = m.get(r.hostId);
    if (list) list.push(r); else m.set(r.hostId, [r]);
  }
  return m;
};

/** No I/O and no clock but `o.now`; `breathe` is awaited between slices of hosts (the event loop, in production). */
export async function planRound(read: RoundRead, o: RoundOptions, breathe: () => Promise<void> = async () => {}): Promise<RoundPlan> {
  const now = o.now;
  const pause = latestPause(read.heartbeat, now.getTime(), o.roundMs);
  const open = byHost(read.open);
  const recent = byHost(read.recent);
  const plan: RoundPlan = {
    created: [], updated: [], deleted: [], events: [], notifications: [], at: now,
    joinDueAfter: new Date(now.getTime() + APPEND_MARGIN_MS),
    heartbeat: { at: now.toISOString(), ...(pause ? { downSince: new Date(pause.downSince).toISOString(), resumedAt: new Date(pause.resumedAt).toISOString() } : {}) },
  };
  for (const [n, h] of read.hosts.entries()) {
    if (n % BREATHE_EVERY === BREATHE_EVERY - 1) await breathe();
    const summary = toSummary(heard(h, pause, read.thresholds), now, read.thresholds);
    const labels = silenceLabels(h);
    const silenced = read.silences.some((s) => s.hostId === h.id || (s.label !== null && labels.includes(s.label)));
    const p = planHost({
      host: { id: h.id, name: h.name, reported: h.state !== null, shortLived: h.shortLived, summary, subjects: h.subjects, failure: read.failures?.get(h.id) ?? null, labels },
      rules: read.rules, open: open.get(h.id) ?? [], recent: recent.get(h.id) ?? [], silenced, channelIds: read.channelIds, routes: read.routes,
    }, o);
    plan.created.push(...p.created);
    plan.updated.push(...p.updated);
    plan.deleted.push(...p.deleted);
    plan.events.push(...p.events);
    plan.notifications.push(...p.notifications);
  }
  return plan;
}
