// When a report also replaces its host's latest full report (host_report).
// The current-state row takes every report; the full document (processes,
// users, daemons, limits: a few KB) only when what the host page shows from
// it has changed, and otherwise at most once a minute. Rewriting it with every
// report was over half of ingest's database time (docs/scaling.md).
import type { Report } from '../protocol';

/** The document is at most this much older than the current state. */
export const REPORT_EVERY_MS = 60_000;

export interface StoredReport { reportAt: number | null; reportKey: string | null; panicRisk: boolean; crashingBuildkit: boolean }

/**
 * Facts that change rarely and matter when they do: limits, the daemons
 * (a restart, an upgrade), how containers are counted, BuildKit images, a
 * collection that overran or was cut short, reports the agent had to drop.
 * Counters that move with every report are left out.
 */
export function factsKey(r: Report): string {
  return JSON.stringify([
    r.inotify, r.fds.max, r.fds.nrOpen,
    r.daemons.map((d) => [d.name, d.pid, d.euid, d.fdLimit, d.version]),
    r.containers.method, r.containers.buildkitImages,
    r.scan.overran ?? false, r.scan.truncated ?? false, r.delivery?.dropped ?? 0,
  ]);
}

/**
 * Due when there is none yet, a fact or a risk flag changed, the report wrote
 * a per-user or process sample (so the document shows what the samples do),
 * or the last one is a minute old.
 */
export function reportDue(prev: StoredReport | null, next: { at: number; key: string; panicRisk: boolean; crashingBuildkit: boolean; sampled: boolean }): boolean {
  if (!prev || prev.reportAt === null) return true;
  return next.sampled || prev.reportKey !== next.key || prev.panicRisk !== next.panicRisk
    || prev.crashingBuildkit !== next.crashingBuildkit || next.at - prev.reportAt >= REPORT_EVERY_MS;
}
