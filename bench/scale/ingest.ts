// Ingest over HTTP: the ceiling (closed loop) and whether a fleet of N hosts
// at a 15 s interval is kept up with (open loop), latency as agents see it.
import { driveMax, driveSchedule, type DriveResult, type Poster } from '../../lib/sim/drive';
import { simFleet } from '../../lib/sim/fleet';

export interface Run {
  label: string; hosts: number; offered: number | null; rate: number; p50: number; p99: number;
  sent: number; accepted: number; duplicates: number; unaccepted: number; refused: number;
  /** Stored in the unmeasured first interval (each report once). */
  warmupStored: number;
}

const summarize = (label: string, hosts: number, offered: number | null, r: DriveResult, warmupStored = 0): Run => ({
  warmupStored,
  label, hosts, offered, rate: r.accepted / r.seconds, p50: r.latency.percentile(50), p99: r.latency.percentile(99),
  sent: r.sent, accepted: r.accepted, duplicates: r.duplicates, unaccepted: r.unaccepted, refused: Object.values(r.refused).reduce((a, b) => a + b, 0),
});

export async function ceiling(sender: Poster, hosts: number, seconds: number, concurrency = 32): Promise<Run> {
  const r = await driveMax({ sender, hosts: simFleet(hosts), intervalSeconds: 15, epochMs: Date.now(), seconds, concurrency });
  return summarize(`ceiling, ${concurrency} senders`, hosts, null, r);
}

/**
 * N hosts each reporting every 15 s (or `intervalSeconds`) for `seconds`, after one
 * unmeasured interval in which hosts new to the server make their first reports.
 */
export async function fleetAt(sender: Poster, hosts: number, seconds: number, log?: (m: string) => void, offsetSeconds = 0, intervalSeconds = 15): Promise<Run> {
  const fleet = simFleet(hosts);
  const w = await driveSchedule({ sender, hosts: fleet, intervalSeconds, epochMs: Date.now(), seconds: intervalSeconds, offsetSeconds });
  const r = await driveSchedule({ sender, hosts: fleet, intervalSeconds, epochMs: Date.now(), seconds, log, offsetSeconds: offsetSeconds + intervalSeconds });
  // Offered: what the hosts sent (silent ones stop), against the planned time; accepted: against the time to the last answer.
  return summarize(`${hosts.toLocaleString('en-US')} hosts every ${intervalSeconds} s`, hosts, r.sent / seconds, r, w.accepted - w.duplicates);
}

/** Everything offered was accepted, at the offered pace. */
export function keptPace(r: Run): boolean {
  return r.unaccepted === 0 && r.refused === 0 && (r.offered === null || r.rate >= r.offered * 0.97);
}

/** Kept pace with p99 under 100 ms: the bar for "fine". */
export function keptUp(r: Run): boolean {
  return keptPace(r) && r.p99 < 100;
}
