import 'server-only';
import type { IngestAccepted } from '../../protocol/api';
import { report as reportSchema, type Report } from '../../protocol/report';
import { dimensionKeys } from '../../protocol/api';
import { assess, nextSlope } from '../../risk';
import type { Db } from '../db/client';
import { AppError, zodIssues } from '../errors';
import type { Principal } from './authenticate';

// A clock this far ahead is wrong, and would pin the host's "last seen" in the future.
const MAX_CLOCK_SKEW_MS = 5 * 60_000;
// Older than any spool keeps reports (and than raw retention): a broken clock or a replay.
const MAX_AGE_MS = 30 * 86400_000;

export function parseReport(body: unknown, now: Date): Report {
  const parsed = reportSchema.safeParse(body);
  if (!parsed.success) throw new AppError('invalid_report', 'the report does not match the protocol', zodIssues(parsed.error.issues));
  if (Date.parse(parsed.data.collectedAt) - now.getTime() > MAX_CLOCK_SKEW_MS) {
    throw new AppError('invalid_report', 'collectedAt is more than 5 minutes in the future: check the host clock',
      [{ path: 'collectedAt', message: 'in the future' }]);
  }
  if (now.getTime() - Date.parse(parsed.data.collectedAt) > MAX_AGE_MS) {
    throw new AppError('invalid_report', 'collectedAt is more than 30 days in the past', [{ path: 'collectedAt', message: 'too old' }]);
  }
  return parsed.data;
}

/**
 * Stores one report: upserts its host, inserts the report once (a resend with
 * the same id is a no-op) and moves the host's current state forward.
 */
export async function ingestReport(db: Db, principal: Principal, body: unknown, now = new Date()): Promise<IngestAccepted> {
  const r = parseReport(body, now);
  if (principal.hostName !== null && principal.hostName !== r.host.name) {
    throw new AppError('forbidden', `this token is bound to host "${principal.hostName}", not "${r.host.name}"`);
  }
  const a = assess(r);
  const d = a.dimensions;
  const collectedAt = new Date(r.collectedAt);
  const bootTime = r.host.bootTime ? new Date(r.host.bootTime) : null;
  return db.$transaction(async (tx) => {
    const [host] = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO host (id, name, machine_id, kernel, agent_version, boot_time, interval_seconds, agent_labels)
      VALUES (gen_random_uuid(), ${r.host.name}, ${r.host.machineId}, ${r.host.kernel}, ${r.host.agentVersion}, ${bootTime}, ${r.intervalSeconds}, ${r.host.labels ?? []}::text[])
      ON CONFLICT (name) DO UPDATE SET machine_id = EXCLUDED.machine_id, kernel = EXCLUDED.kernel,
        agent_version = EXCLUDED.agent_version, boot_time = EXCLUDED.boot_time, interval_seconds = EXCLUDED.interval_seconds,
        agent_labels = EXCLUDED.agent_labels
      RETURNING id`;
    const hostId = host!.id;
    const inserted = await tx.$executeRaw`
      INSERT INTO report (host_id, collected_at, id, sequence, received_at, inotify_instances_used, inotify_instances_limit,
        inotify_watches_used, inotify_watches_limit, system_fds_used, system_fds_limit, process_fds_used, process_fds_limit,
        containers_running, uids, processes, collection_ms)
      VALUES (${hostId}::uuid, ${collectedAt}, ${r.reportId}::uuid, ${r.sequence ?? null}, ${now}, ${d.inotifyInstances.used}, ${d.inotifyInstances.limit},
        ${d.inotifyWatches.used}, ${d.inotifyWatches.limit}, ${d.systemFds.used}, ${d.systemFds.limit}, ${d.processFds.used}, ${d.processFds.limit},
        ${r.containers.running}, ${JSON.stringify(r.uids)}::jsonb, ${JSON.stringify(r.processes)}::jsonb, ${r.scan.durationMs})
      ON CONFLICT DO NOTHING`;
    if (inserted === 0) return { reportId: r.reportId, hostId, duplicate: true };
    // The previous state, locked: the trend is updated from it, one report at a time per host.
    const [prev] = await tx.$queryRaw<Record<string, number | Date>[]>`
      SELECT collected_at AS "at", inotify_instances_used AS "inotifyInstancesUsed", inotify_instances_slope AS "inotifyInstancesSlope",
        inotify_watches_used AS "inotifyWatchesUsed", inotify_watches_slope AS "inotifyWatchesSlope",
        system_fds_used AS "systemFdsUsed", system_fds_slope AS "systemFdsSlope",
        process_fds_used AS "processFdsUsed", process_fds_slope AS "processFdsSlope"
      FROM host_state WHERE host_id = ${hostId}::uuid FOR UPDATE`;
    const slope = Object.fromEntries(dimensionKeys.map((k) => [k, nextSlope(
      prev ? { used: Number(prev[`${k}Used`]), at: (prev.at as Date).getTime(), slope: Number(prev[`${k}Slope`]) } : null,
      d[k].used, collectedAt.getTime(),
    )])) as Record<(typeof dimensionKeys)[number], number>;
    // Only a newer report moves the current state: resends and late spool flushes must not rewind it.
    await tx.$executeRaw`
      INSERT INTO host_state (host_id, report_id, collected_at, received_at, inotify_instances_used, inotify_instances_limit,
        inotify_watches_used, inotify_watches_limit, system_fds_used, system_fds_limit, process_fds_used, process_fds_limit,
        containers_running, worst_fraction, panic_risk, crashing_buildkit, report,
        inotify_instances_slope, inotify_watches_slope, system_fds_slope, process_fds_slope)
      VALUES (${hostId}::uuid, ${r.reportId}::uuid, ${collectedAt}, ${now}, ${d.inotifyInstances.used}, ${d.inotifyInstances.limit},
        ${d.inotifyWatches.used}, ${d.inotifyWatches.limit}, ${d.systemFds.used}, ${d.systemFds.limit}, ${d.processFds.used}, ${d.processFds.limit},
        ${r.containers.running}, ${a.worstFraction}, ${a.panicRisk}, ${a.crashingBuildkit}, ${JSON.stringify(r)}::jsonb,
        ${slope.inotifyInstances}, ${slope.inotifyWatches}, ${slope.systemFds}, ${slope.processFds})
      ON CONFLICT (host_id) DO UPDATE SET report_id = EXCLUDED.report_id, collected_at = EXCLUDED.collected_at,
        received_at = EXCLUDED.received_at, inotify_instances_used = EXCLUDED.inotify_instances_used,
        inotify_instances_limit = EXCLUDED.inotify_instances_limit, inotify_watches_used = EXCLUDED.inotify_watches_used,
        inotify_watches_limit = EXCLUDED.inotify_watches_limit, system_fds_used = EXCLUDED.system_fds_used,
        system_fds_limit = EXCLUDED.system_fds_limit, process_fds_used = EXCLUDED.process_fds_used,
        process_fds_limit = EXCLUDED.process_fds_limit, containers_running = EXCLUDED.containers_running,
        worst_fraction = EXCLUDED.worst_fraction, panic_risk = EXCLUDED.panic_risk,
        crashing_buildkit = EXCLUDED.crashing_buildkit, report = EXCLUDED.report,
        inotify_instances_slope = EXCLUDED.inotify_instances_slope, inotify_watches_slope = EXCLUDED.inotify_watches_slope,
        system_fds_slope = EXCLUDED.system_fds_slope, process_fds_slope = EXCLUDED.process_fds_slope
      WHERE host_state.collected_at <= EXCLUDED.collected_at`;
    return { reportId: r.reportId, hostId, duplicate: false };
  });
}
