import 'server-only';
import { z } from 'zod';
import { ruleDimension, severity } from '../protocol';
import { plainText } from '../protocol';
import type { Db } from '../server/db/client';

export const alertView = z.enum(['firing', 'acknowledged', 'silenced', 'pending', 'resolved']);
export const alertFilter = z.object({
  view: alertView.catch('firing'),
  host: plainText(253).optional().catch(undefined),
  severity: severity.optional().catch(undefined),
  dimension: ruleDimension.optional().catch(undefined),
});
export type AlertFilter = z.infer<typeof alertFilter>;

/** Hosts under an active silence, directly or through a label they carry. */
export async function silencedHostIds(db: Db, now = new Date()): Promise<string[]> {
  const silences = await db.silence.findMany({ where: { startsAt: { lte: now }, endsAt: { gt: now } }, select: { hostId: true, label: true } });
  const ids = silences.flatMap((s) => (s.hostId ? [s.hostId] : []));
  const labels = silences.flatMap((s) => (s.label ? [s.label] : []));
  if (labels.length) {
    const hosts = await db.host.findMany({ where: { OR: [{ labels: { hasSome: labels } }, { agentLabels: { hasSome: labels } }] }, select: { id: true } });
    ids.push(...hosts.map((h) => h.id));
  }
  return [...new Set(ids)];
}

/** Firing means someone should look: not acknowledged, not on a silenced host. */
const unhandled = (silenced: string[]) => ({ state: 'firing', acknowledgedAt: null, hostId: { notIn: silenced } });

export async function listAlerts(db: Db, f: AlertFilter, limit = 200, now = new Date()) {
  const silenced = f.view === 'firing' || f.view === 'silenced' ? await silencedHostIds(db, now) : [];
  const view = {
    firing: unhandled(silenced),
    acknowledged: { state: 'firing', acknowledgedAt: { not: null } },
    silenced: { state: 'firing', hostId: { in: silenced } },
    pending: { state: 'pending' },
    // History is what was announced: a pending alert that cleared never fired.
    resolved: { state: 'resolved', firedAt: { not: null } },
  }[f.view];
  return db.alert.findMany({
    where: {
      ...view,
      ...(f.severity ? { severity: f.severity } : {}),
      ...(f.dimension ? { dimension: f.dimension } : {}),
      ...(f.host ? { host: { name: { contains: f.host, mode: 'insensitive' as const } } } : {}),
    },
    orderBy: f.view === 'resolved' ? { resolvedAt: 'desc' } : [{ severity: 'asc' }, { startedAt: 'asc' }],
    take: limit,
    include: { host: { select: { name: true, labels: true } }, rule: { select: { name: true, deletedAt: true } } },
  });
}

/** Every firing alert, handled or not (the metrics endpoint's gauge). */
export const countFiring = (db: Db) => db.alert.count({ where: { state: 'firing' } });

/** Firing alerts nobody has taken: what the Firing view lists, for the bell and the fleet tile. */
export async function countUnhandled(db: Db, now = new Date()): Promise<number> {
  return db.alert.count({ where: unhandled(await silencedHostIds(db, now)) });
}

/** Alert periods of one host overlapping a time range, for chart markers: the latest 200, oldest first. */
export async function hostAlertPeriods(db: Db, hostId: string, from: Date, to: Date) {
  const latest = await db.alert.findMany({
    where: { hostId, firedAt: { not: null, lte: to }, OR: [{ resolvedAt: null }, { resolvedAt: { gte: from } }] },
    select: { id: true, dimension: true, severity: true, startedAt: true, firedAt: true, resolvedAt: true },
    orderBy: { startedAt: 'desc' },
    take: 200,
  });
  return latest.reverse();
}
