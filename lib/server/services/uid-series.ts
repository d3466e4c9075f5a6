import 'server-only';
import type { Db } from '../db/client';

export interface UidSeries { uids: { uid: number; user: string | null }[]; points: Record<string, number>[] }

/**
 * Per-UID inotify instances and watches over time, for the UIDs that peaked
 * highest in the range (a few lines, not one per user on the host).
 */
export async function uidSeries(db: Db, hostId: string, from: Date, to: Date, intervalSeconds: number, top = 5): Promise<UidSeries> {
  const bucket = Math.max(intervalSeconds, Math.ceil((to.getTime() - from.getTime()) / 1000 / 500));
  const rows = await db.$queryRaw<{ t: number; uid: number; user: string | null; instances: number; watches: number }[]>`
    SELECT floor(extract(epoch FROM r.collected_at) / ${bucket}) * ${bucket} AS t, (u->>'uid')::int AS uid, max(u->>'user') AS "user",
      max((u->>'instances')::int) AS instances, max((u->>'watches')::int) AS watches
    FROM report r, jsonb_array_elements(r.uids) u
    WHERE r.host_id = ${hostId}::uuid AND r.collected_at >= ${from} AND r.collected_at <= ${to}
    GROUP BY 1, 2 ORDER BY 1`;
  const peak = new Map<number, { user: string | null; max: number }>();
  for (const r of rows) {
    const p = peak.get(r.uid) ?? { user: r.user, max: 0 };
    p.max = Math.max(p.max, Number(r.instances));
    peak.set(r.uid, p);
  }
  const chosen = [...peak].sort((a, b) => b[1].max - a[1].max).slice(0, top).map(([uid, p]) => ({ uid, user: p.user }));
  const keep = new Set(chosen.map((c) => c.uid));
  const byT = new Map<number, Record<string, number>>();
  for (const r of rows) {
    if (!keep.has(r.uid)) continue;
    const t = Number(r.t) * 1000;
    const point = byT.get(t) ?? { t };
    point[`i${r.uid}`] = Number(r.instances);
    point[`w${r.uid}`] = Number(r.watches);
    byT.set(t, point);
  }
  return { uids: chosen, points: [...byT.values()] };
}
