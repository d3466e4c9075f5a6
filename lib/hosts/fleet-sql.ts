import 'server-only';
import { Prisma } from '../server/generated/prisma/client';
import { dimensionKeys, type DimensionKey } from '../dimensions';
import type { FleetSort } from '../protocol';
import type { Thresholds } from '../risk';
import { dimensionSelect, fractionColumn } from './dimension-sql';
import { hostRowColumns, worstFiringAlert } from './host-summary';

/**
 * The hosts `where` selects, as the relation `r`: the columns toHostRow and
 * toFiringAlert read, and the rules lib/risk and toSummary apply, repeated in
 * SQL so the database filters and sorts on them: `status` (silent after N
 * missed intervals, else the worse of the levels and a firing alert), each
 * dimension's used fraction, the soonest `exhaustion`, and `at_panic` (a
 * silent host's flag is stale). rules-agree.test.ts holds the two to the same answers.
 */
export function fleetRows(now: Date, t: Thresholds, where: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    WITH f AS (
      SELECT ${Prisma.raw(hostRowColumns)}, fa.alert_severity, fa.alert_dimension, fa.alert_value, fa.alert_rule, fa.alert_count,
        CASE WHEN s.received_at IS NULL OR s.received_at < ${now}::timestamptz - make_interval(secs => h.interval_seconds * ${t.silentAfterIntervals}) THEN 'silent'
             WHEN s.worst_fraction >= ${t.critical} OR fa.alert_severity = 'critical' THEN 'critical'
             WHEN s.worst_fraction >= ${t.warning} OR fa.alert_severity = 'warning' THEN 'warning' ELSE 'ok' END AS status,
        ${dimensionSelect},
        COALESCE(fx.n, 0)::int AS failures_hour
      FROM host h LEFT JOIN host_state s ON s.host_id = h.id LEFT JOIN ${Prisma.raw(worstFiringAlert)} ON fa.host_id = h.id
      -- Joined, not a subquery per host: Citus plans no correlated subquery beside a reference table.
      LEFT JOIN (SELECT x.host_id, sum(x.total) AS n FROM failure x WHERE x.collected_at > ${now}::timestamptz - interval '1 hour' GROUP BY x.host_id) fx ON fx.host_id = h.id
      ${where}
    ), r AS (
      SELECT f.*, CASE status WHEN 'critical' THEN 3 WHEN 'silent' THEN 2 WHEN 'warning' THEN 1 ELSE 0 END
        + COALESCE(worst_fraction, 0) / 10 AS status_rank,
        COALESCE(panic_risk, false) AND status <> 'silent' AS at_panic FROM f
    )`;
}

// Every sort is a whitelisted expression over `r`; the name breaks ties.
export const fleetOrder: Record<FleetSort, string> = {
  status: 'status_rank', name: 'name', lastSeen: 'received_at',
  ...Object.fromEntries(dimensionKeys.map((k) => [k, fractionColumn(k)])) as Record<DimensionKey, string>,
  // A silent host's trend is stale: it has no time to exhaustion (host-summary.ts).
  exhaustion: "CASE WHEN status = 'silent' THEN NULL ELSE exhaustion END", containers: 'containers_running', failures: 'failures_hour',
};
