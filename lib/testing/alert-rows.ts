// Alert rows kept in memory as evaluation-writes.ts keeps them in the database,
// and read back as evaluate-alerts.ts reads them: for tests that drive the pure
// planner (lib/alerts/plan.ts) through many rounds without a database.
import type { AlertRow, HostPlan } from '../alerts';

export type KeptRow = AlertRow & { firedAt: Date | null; resolvedAt: Date | null };

export class AlertRows {
  rows: KeptRow[] = [];

  /** A host's open alerts, and those that fired and resolved within the reopen window, oldest first. */
  read(hostId: string, now: Date, reopenWindowMs: number): { open: AlertRow[]; recent: AlertRow[] } {
    const mine = this.rows.filter((a) => a.hostId === hostId);
    const since = now.getTime() - reopenWindowMs;
    const recent = mine.filter((a) => a.state === 'resolved' && a.firedAt && a.resolvedAt && a.resolvedAt.getTime() >= since);
    return { open: mine.filter((a) => a.openKey !== null), recent: recent.sort((a, b) => a.resolvedAt!.getTime() - b.resolvedAt!.getTime()) };
  }

  /** What writeEvaluation does with a round's plan. */
  write(p: HostPlan, now: Date): void {
    this.rows = this.rows.filter((a) => !p.deleted.includes(a.id));
    for (const c of p.created) this.rows.push({ ...c, startedAt: now, acknowledgedAt: null, firedAt: c.firedAt, resolvedAt: null });
    for (const u of p.updated) {
      const a = this.rows.find((x) => x.id === u.id)!;
      Object.assign(a, {
        ...u, severity: u.severity ?? a.severity, openKey: u.resolved ? null : u.openKey ?? a.openKey, lastNotifiedAt: u.resolved ? a.lastNotifiedAt : u.lastNotifiedAt,
        firedAt: u.fired ? now : a.firedAt, resolvedAt: u.resolved ? now : u.reopened ? null : a.resolvedAt,
      });
    }
  }
}
