import 'server-only';
import { containerName } from '../format';
import { byContainer, containerUsage, type ContainerUsage } from '../protocol';
import { AppError, assertId } from '../server/errors';
import { hostMoment } from './host-moment';
import type { Db } from '../server/db/client';
import { KEYFRAME_MS } from '../ingest';
import { wholeBucketSeconds } from './history-resolution';
import { holdForward } from './uid-series';

type Line = { key: string; label: string };
/** The containers each chart draws (top by instances, top by watches), and their points: ci<n>, cw<n>. */
export interface ContainerSeries { instances: Line[]; watches: Line[]; bucketMs: number; points: Record<string, number>[] }

/**
 * inotify instances and watches of the containers that peaked highest in the
 * range, from the samples of use by container (written with the top
 * processes, on change). Postgres unpacks the samples and keeps only the top
 * few containers' buckets: a month of samples never crosses the wire whole.
 */
export async function containerSeries(db: Db, hostId: string, from: Date, to: Date, intervalSeconds: number, top = 4): Promise<ContainerSeries> {
  const bucket = wholeBucketSeconds(from, to, 500, intervalSeconds);
  const rows = await db.$queryRawUnsafe<{ t: number; id: string; i: number; w: number; latest: unknown }[]>(`
    WITH s AS (
      SELECT collected_at, containers FROM process_sample WHERE host_id = $1::uuid AND collected_at > $2::timestamptz AND collected_at <= $3::timestamptz
        AND containers IS NOT NULL
      UNION ALL
      (SELECT $2::timestamptz, containers FROM process_sample WHERE host_id = $1::uuid AND collected_at <= $2::timestamptz
        AND collected_at > $2::timestamptz - make_interval(secs => $5) AND containers IS NOT NULL ORDER BY collected_at DESC LIMIT 1)
    ), c AS (
      SELECT s.collected_at, floor(extract(epoch FROM s.collected_at) / $4) * $4 AS t, e->>'id' AS id,
        (e->>'instances')::int AS i, (e->>'watches')::int AS w, e
      FROM s, jsonb_array_elements(s.containers->'containers') e
    ), top AS (
      (SELECT id FROM c GROUP BY id ORDER BY max(i) DESC, id LIMIT $6)
      UNION (SELECT id FROM c GROUP BY id ORDER BY max(w) DESC, id LIMIT $6)
    ), latest AS (
      SELECT DISTINCT ON (id) id, e FROM c WHERE id IN (SELECT id FROM top) ORDER BY id, collected_at DESC
    )
    SELECT c.t, c.id, max(c.i) AS i, max(c.w) AS w, (SELECT l.e FROM latest l WHERE l.id = c.id) AS latest
    FROM c WHERE c.id IN (SELECT id FROM top) GROUP BY c.t, c.id ORDER BY c.t`,
    hostId, from.toISOString(), to.toISOString(), bucket, KEYFRAME_MS / 1000, top);
  const peaks = new Map<string, { i: number; w: number; c: ContainerUsage | null }>();
  for (const r of rows) {
    const p = peaks.get(r.id) ?? { i: 0, w: 0, c: containerUsage.nullable().catch(null).parse(r.latest) };
    peaks.set(r.id, { ...p, i: Math.max(p.i, Number(r.i)), w: Math.max(p.w, Number(r.w)) });
  }
  const ids = [...peaks.keys()];
  const line = (prefix: string) => (id: string): Line => ({ key: `${prefix}${ids.indexOf(id)}`, label: peaks.get(id)!.c ? containerName(peaks.get(id)!.c!) : id.slice(0, 12) });
  const topBy = (k: 'i' | 'w') => ids.filter((id) => peaks.get(id)![k] > 0).sort((a, b) => peaks.get(b)![k] - peaks.get(a)![k]).slice(0, top);
  const sampled = new Map<number, Record<string, number>>();
  for (const r of rows) {
    const t = Number(r.t) * 1000;
    const point = sampled.get(t) ?? { t };
    point[`ci${ids.indexOf(r.id)}`] = Number(r.i);
    point[`cw${ids.indexOf(r.id)}`] = Number(r.w);
    sampled.set(t, point);
  }
  return {
    instances: topBy('i').map(line('ci')), watches: topBy('w').map(line('cw')), bucketMs: bucket * 1000,
    points: holdForward([...sampled.values()], bucket * 1000, to.getTime()),
  };
}

/**
 * GET /api/v1/hosts/:id/containers: use by container at `at` (the sample nearest
 * it, as the host page's moment) or in the latest report, and the top few
 * containers' series over the window.
 */
export async function hostContainersAnswer(db: Db, id: string, from: Date, to: Date, at: Date | null) {
  assertId(id, 'host');
  const host = await db.host.findUnique({ where: { id }, select: { id: true, name: true, intervalSeconds: true, latestReport: { select: { report: true, collectedAt: true } } } });
  if (!host) throw new AppError('not_found', 'no such host');
  const moment = at ? await hostMoment(db, id, at) : null;
  const latest = byContainer.safeParse((host.latestReport?.report as { byContainer?: unknown } | undefined)?.byContainer);
  const [shownAt, shown] = moment
    ? [moment.processesAt, moment.containers]
    : [host.latestReport?.collectedAt ?? null, latest.success ? latest.data : null];
  const series = await containerSeries(db, id, from, to, host.intervalSeconds);
  return {
    host: { id: host.id, name: host.name }, from: from.toISOString(), to: to.toISOString(),
    at: shownAt?.toISOString() ?? null,
    containers: shown ? shown.containers.map((c) => ({ ...c, display: containerName(c) })) : null,
    rest: shown?.rest ?? null, hostItself: shown?.host ?? null,
    series: {
      bucketSeconds: series.bucketMs / 1000,
      instances: series.instances, watches: series.watches,
      points: series.points.map(({ t, ...v }) => ({ at: new Date(t!).toISOString(), ...v })),
    },
  };
}
