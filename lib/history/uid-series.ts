import 'server-only';
import type { Db } from '../server/db/client';
import { asUid, KEYFRAME_MS } from '../ingest';
import { wholeBucketSeconds } from './history-resolution';
import { userNames } from '../access';

type Uid = { uid: number; user: string | null };
/** The users each chart draws (top by instances, top by watches), and their points: i<uid>, w<uid>. */
export interface UidSeries { instances: Uid[]; watches: Uid[]; bucketMs: number; points: Record<string, number>[] }

/**
 * Per-UID inotify instances and watches over time, for the UIDs that peaked
 * highest in the range (a few lines, not one per user on the host), chosen
 * apart for each: the user with most watches may hold one instance. A sample
 * is written when the counts change (at most once a minute), so each holds
 * until the next one (for at most the keyframe interval: after that the host
 * was not reporting).
 */
export async function uidSeries(db: Db, hostId: string, from: Date, to: Date, intervalSeconds: number, top = 5): Promise<UidSeries> {
  const bucket = wholeBucketSeconds(from, to, 500, intervalSeconds);
  const stored = await db.$queryRawUnsafe<{ t: number; uid: number; instances: number; watches: number }[]>(`
    WITH s AS (
      SELECT collected_at, uids FROM uid_sample WHERE host_id = $1::uuid AND collected_at > $2::timestamptz AND collected_at <= $3::timestamptz
      UNION ALL
      (SELECT $2::timestamptz, uids FROM uid_sample WHERE host_id = $1::uuid AND collected_at <= $2::timestamptz
        AND collected_at > $2::timestamptz - make_interval(secs => $5) ORDER BY collected_at DESC LIMIT 1)
    )
    SELECT floor(extract(epoch FROM s.collected_at) / $4) * $4 AS t, s.uids[i * 3 + 1] AS uid,
      max(s.uids[i * 3 + 2]) AS instances, max(s.uids[i * 3 + 3]) AS watches
    FROM s, generate_series(0, coalesce(array_length(s.uids, 1), 0) / 3 - 1) AS i
    GROUP BY 1, 2 ORDER BY 1`, hostId, from.toISOString(), to.toISOString(), bucket, KEYFRAME_MS / 1000);
  const rows = stored.map((r) => ({ ...r, uid: asUid(r.uid) }));
  const peaks = new Map<number, { i: number; w: number }>();
  for (const r of rows) {
    const p = peaks.get(r.uid) ?? { i: 0, w: 0 };
    peaks.set(r.uid, { i: Math.max(p.i, Number(r.instances)), w: Math.max(p.w, Number(r.watches)) });
  }
  const names = await userNames(db, hostId);
  const topBy = (k: 'i' | 'w') => [...peaks].sort((a, b) => b[1][k] - a[1][k]).slice(0, top).map(([uid]) => ({ uid, user: names.get(uid) ?? null }));
  const instances = topBy('i');
  const watches = topBy('w');
  const keep = new Set([...instances, ...watches].map((c) => c.uid));
  const sampled = new Map<number, Record<string, number>>();
  for (const r of rows) {
    if (!keep.has(r.uid)) continue;
    const t = Number(r.t) * 1000;
    const point = sampled.get(t) ?? { t };
    point[`i${r.uid}`] = Number(r.instances);
    point[`w${r.uid}`] = Number(r.watches);
    sampled.set(t, point);
  }
  return { instances, watches, bucketMs: bucket * 1000, points: holdForward([...sampled.values()], bucket * 1000, to.getTime()) };
}

/** Fills the buckets between samples with the sample before them, up to the keyframe interval after the last. */
export function holdForward(points: Record<string, number>[], step: number, end: number): Record<string, number>[] {
  const out: Record<string, number>[] = [];
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    const at = p.t!;
    out.push(p);
    const next = points[i + 1]?.t ?? Math.min(end, at + KEYFRAME_MS);
    for (let t = at + step; t < next && t - at <= KEYFRAME_MS; t += step) out.push({ ...p, t });
  }
  return out;
}
