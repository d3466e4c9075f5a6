// One host's alerts on one resource are one incident: an exhaustion alert and
// a level alert for inotify instances page once between them. Pure: given
// what each alert of a host stepped to this round, which changes are
// announced, and what receivers then know of each incident.
import type { Severity } from '../protocol';
import type { Muted, StepEvent } from './evaluate';

export interface Member {
  /** The resource measured, or the rule's dimension for silent and panic risk. */
  incident: string;
  /** What receivers knew of this incident through this alert before the round (null: nothing). */
  heardBefore: Severity | null;
  /** Firing before the round, and after it (a pending alert is not yet part of any incident). */
  firingBefore: boolean;
  firingAfter: boolean;
  event: StepEvent | null;
}

export interface Decision {
  /** The event as it goes out: notify false with the reason when the incident already said it. */
  event: StepEvent | null;
  /** What receivers know of the incident after this round, kept on the alert (null once resolved). */
  heard: Severity | null;
}

const rank = (s: Severity | null) => (s === 'critical' ? 2 : s === 'warning' ? 1 : 0);
const worse = (a: Severity | null, b: Severity | null) => (rank(a) >= rank(b) ? a : b);
// Rises first, so the worse of two alerts opening together is the one announced.
const order = (e: StepEvent | null) => (!e ? 9 : e.kind === 'resolved' ? 5 : e.kind === 'repeat' ? 4 : e.kind === 'deescalated' ? 3 : 2 - rank(e.severity));

/**
 * For each member (in the given order), the event as announced. An incident
 * announces when it opens, when it gets worse than receivers were told, and
 * when its last firing alert resolves (once, if several go together); stepping down is recorded, not sent
 * (the next rise to where it was is not news either), and of several repeats
 * one goes out.
 */
export function decideIncidents(members: Member[]): Decision[] {
  const out: Decision[] = members.map((m) => ({ event: m.event, heard: m.firingAfter ? m.heardBefore : null }));
  const groups = new Map<string, number[]>();
  members.forEach((m, i) => groups.set(m.incident, [...(groups.get(m.incident) ?? []), i]));
  for (const idx of groups.values()) {
    let heard: Severity | null = null;
    for (const i of idx) if (members[i]!.firingBefore) heard = worse(heard, members[i]!.heardBefore);
    const stillFiring = idx.some((i) => members[i]!.firingAfter);
    let repeated = false;
    let resolved = false;
    const mute = (i: number, muted: Muted) => { out[i]!.event = { ...out[i]!.event!, notify: false, muted }; };
    for (const i of [...idx].sort((a, b) => order(members[a]!.event) - order(members[b]!.event))) {
      const e = members[i]!.event;
      if (!e?.notify) continue;
      if (e.kind === 'firing' || e.kind === 'escalated') {
        if (rank(e.severity) > rank(heard)) heard = e.severity;
        else mute(i, 'same incident');
      } else if (e.kind === 'deescalated') {
        mute(i, 'stepped down');
      } else if (e.kind === 'repeat') {
        if (repeated) mute(i, 'same incident');
        repeated = true;
      } else if (e.kind === 'resolved') {
        if (stillFiring || resolved) mute(i, 'same incident');
        else if (heard === null) mute(i, 'never announced');
        resolved = true;
      }
    }
    // Every alert still firing carries what the incident said, so the one
    // left when another resolves does not announce it afresh.
    for (const i of idx) if (members[i]!.firingAfter) out[i]!.heard = worse(heard, out[i]!.heard);
  }
  return out;
}
