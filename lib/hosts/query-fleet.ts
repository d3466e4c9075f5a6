import 'server-only';
import { Prisma } from '../server/generated/prisma/client';
import { defaultDir, type FleetQuery, type HostSummary, type Status } from '../protocol';
import type { Thresholds } from '../risk';
import { getThresholds } from '../settings';
import type { Db } from '../server/db/client';
import { fleetOrder, fleetRows } from './fleet-sql';
import { toFiringAlert, toHostRow, toSummary } from './host-summary';

/** One label's heading when grouped: its hosts in this view (all pages), and how many of them are in trouble. */
export interface FleetGroup { label: string | null; total: number; critical: number; warning: number; silent: number }

export interface FleetPage {
  /** This page's rows, in order; grouped, a host shows once under each label it carries. */
  hosts: HostSummary[];
  /** Grouped by label: each row's group (parallel to `hosts`), and the groups on this page. */
  grouping: { rowGroups: (string | null)[]; groups: FleetGroup[] } | null;
  /** Rows in this view over all pages (hosts; grouped, host-label pairs). */
  total: number;
  counts: Record<Status, number> & { all: number; panicRisk: number; failedLastHour: number };
  /** The status levels the page was judged by (for the bars' colours). */
  thresholds: Thresholds;
}

/**
 * The fleet view: status computed in SQL (silent after N missed intervals, else
 * the worse of the levels and a firing alert, as toSummary has it), then
 * filtered, sorted and paged there, so 10,000 hosts cost one indexed pass.
 */
export async function queryFleet(db: Db, q: FleetQuery, now = new Date()): Promise<FleetPage> {
  const t = await getThresholds(db);
  const dir = (q.dir ?? defaultDir(q.sort)) === 'asc' ? 'ASC' : 'DESC';
  const where = Prisma.sql`WHERE (${q.q ?? null}::text IS NULL OR strpos(lower(h.name), lower(${q.q ?? null}::text)) > 0)
      AND (${q.label ?? null}::text IS NULL OR ${q.label ?? null}::text = ANY(h.labels) OR ${q.label ?? null}::text = ANY(h.agent_labels))`;
  const base = fleetRows(now, t, where);
  const flags = Prisma.sql`(${q.panic === '1'} IS FALSE OR at_panic) AND (${q.failed === '1h'} IS FALSE OR failures_hour > 0)`;
  const statusFilter = Prisma.sql`WHERE (${q.status ?? null}::text IS NULL OR status = ${q.status ?? null}::text) AND ${flags}`;
  // Grouped, a row per host and label it carries (one with no label for a host without).
  const listed = q.group === 'label'
    ? Prisma.sql`(SELECT r.*, gl.label AS group_label FROM r CROSS JOIN LATERAL unnest(COALESCE(
        NULLIF(ARRAY(SELECT DISTINCT x FROM unnest(r.labels || r.agent_labels) x ORDER BY x), '{}'), ARRAY[NULL::text])) AS gl(label) ${statusFilter}) AS l`
    : Prisma.sql`(SELECT r.*, NULL::text AS group_label FROM r ${statusFilter}) AS l`;
  const [rows, countRows, groupRows] = await Promise.all([
    db.$queryRaw<Record<string, unknown>[]>`${base}
      SELECT * FROM ${listed}
      ORDER BY group_label ASC NULLS LAST, ${Prisma.raw(fleetOrder[q.sort])} ${Prisma.raw(dir)} NULLS LAST, name ASC
      LIMIT ${q.per} OFFSET ${(q.page - 1) * q.per}`,
    db.$queryRaw<{ status: Status; n: bigint; panic: bigint; failed: bigint; matched: bigint }[]>`${base}
      SELECT status, count(*) AS n, count(*) FILTER (WHERE at_panic) AS panic, count(*) FILTER (WHERE failures_hour > 0) AS failed,
        count(*) FILTER (WHERE ${flags}) AS matched FROM r GROUP BY status`,
    q.group === 'label' ? db.$queryRaw<{ label: string | null; n: bigint; critical: bigint; warning: bigint; silent: bigint }[]>`${base}
      SELECT group_label AS label, count(*) AS n, count(*) FILTER (WHERE status = 'critical') AS critical,
        count(*) FILTER (WHERE status = 'warning') AS warning, count(*) FILTER (WHERE status = 'silent') AS silent
      FROM ${listed} GROUP BY 1 ORDER BY 1 ASC NULLS LAST` : Promise.resolve(null),
  ]);
  const counts = { ok: 0, warning: 0, critical: 0, silent: 0, all: 0, panicRisk: 0, failedLastHour: 0 };
  // Hosts the panic and failure flags let through, by status: the view's total when no status narrows it further.
  const matched: Partial<Record<Status, number>> = {};
  for (const c of countRows) {
    counts[c.status] = Number(c.n);
    counts.all += Number(c.n);
    counts.panicRisk += Number(c.panic);
    counts.failedLastHour += Number(c.failed);
    matched[c.status] = Number(c.matched);
  }
  const groups = groupRows?.map((g) => ({ label: g.label, total: Number(g.n), critical: Number(g.critical), warning: Number(g.warning), silent: Number(g.silent) }));
  // From the counts, not the page's rows: a page past the end still knows how many there are.
  const total = groups ? groups.reduce((n, g) => n + g.total, 0)
    : q.status ? matched[q.status] ?? 0 : Object.values(matched).reduce((n, m) => n + m, 0);
  const rowGroups = rows.map((r) => (r.group_label as string | null) ?? null);
  return {
    hosts: rows.map((r) => toSummary(toHostRow(r), now, t, toFiringAlert(r))),
    grouping: groups ? { rowGroups, groups: groups.filter((g) => rowGroups.includes(g.label)) } : null,
    total, counts, thresholds: t,
  };
}
