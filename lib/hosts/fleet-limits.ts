import 'server-only';
import { z } from 'zod';
import { daemonName } from '../protocol';
import { groupLimits, planRaises, type HostLimits } from '../risk';
import type { Db } from '../server/db/client';

/** How far back a host's peaks are looked for when its limits are weighed. */
export const LIMITS_PEAK_DAYS = 7;

const daemons = z.array(z.object({ name: daemonName, fds: z.number(), fdLimit: z.number().nullable() })).catch([]);

/**
 * Every host's limits from its latest full report, and its peaks over the
 * last days from the rollups (and its current state, which they may not have
 * reached yet). The report's JSON is read field by field in SQL: a fleet of
 * full reports never crosses the wire.
 */
export async function fleetLimits(db: Db, now = new Date()): Promise<HostLimits[]> {
  const since = new Date(now.getTime() - LIMITS_PEAK_DAYS * 86_400_000).toISOString();
  const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(`
    WITH peaks AS (
      SELECT host_id, max(i) AS i, max(w) AS w, max(f) AS f FROM (
        SELECT host_id, inotify_instances_max AS i, inotify_watches_max AS w, system_fds_max AS f FROM report_hour WHERE bucket > $1::timestamptz
        UNION ALL SELECT host_id, inotify_instances_max, inotify_watches_max, system_fds_max FROM report_minute WHERE bucket > $1::timestamptz
        UNION ALL SELECT host_id, inotify_instances_used, inotify_watches_used, system_fds_used FROM host_state
      ) x GROUP BY host_id
    )
    SELECT h.id::text AS id, h.name,
      (r.report->'inotify'->>'maxUserInstances')::float8 AS instances, (r.report->'inotify'->>'maxUserWatches')::float8 AS watches,
      (r.report->'fds'->>'max')::float8 AS file_max, (r.report->'fds'->>'nrOpen')::float8 AS nr_open, r.report->'daemons' AS daemons,
      coalesce(p.i, 0)::float8 AS pi, coalesce(p.w, 0)::float8 AS pw, coalesce(p.f, 0)::float8 AS pf
    FROM host h JOIN host_report r ON r.host_id = h.id LEFT JOIN peaks p ON p.host_id = h.id
    ORDER BY h.name`, since);
  return rows.map((r) => ({
    id: String(r.id), name: String(r.name),
    instances: Number(r.instances ?? 0), watches: Number(r.watches ?? 0), fileMax: Number(r.file_max ?? 0), nrOpen: Number(r.nr_open ?? 0),
    daemons: daemons.parse(r.daemons),
    peak: { instances: Number(r.pi), watches: Number(r.pw), systemFds: Number(r.pf) },
  }));
}

/** GET /api/v1/limits: what the Limits page shows. */
export async function fleetLimitsAnswer(db: Db, now = new Date()) {
  const hosts = await fleetLimits(db, now);
  return { hosts: hosts.length, peakDays: LIMITS_PEAK_DAYS, settings: groupLimits(hosts), raises: hosts.map(planRaises).filter((r) => r !== null) };
}
