import 'server-only';
import { TRUSTED_AGENT_LABELS } from '../access';
import { dimensionKeys, fieldsOf, type DimensionField, type DimensionKey } from '../dimensions';
import { containerRoom, type FiringAlert, type HostSummary } from '../protocol';
import { DEFAULT_THRESHOLDS, dim, secondsToExhaustion, statusOf, withFiringAlert, type ContainerRoom, type Subjects, type Thresholds } from '../risk';
import type { Sql } from '../server/db/raw';
import { stateColumns, stateFieldSelect, stateFields } from './dimension-sql';

/** The columns of host + host_state that a summary needs (shared by list and detail reads). */
export interface HostRow {
  id: string;
  name: string;
  intervalSeconds: number;
  labels: string[];
  agentLabels: string[];
  /** Each dimension's used, limit and slope, and the host's own facts. */
  state: Record<DimensionField, number> & {
    receivedAt: Date;
    containersRunning: number | null;
    /** host_state.container_room as stored (JSON text). */
    containerRoom: string | null;
    worstFraction: number; panicRisk: boolean; crashingBuildkit: boolean;
    machineIdChangedAt: Date | null;
  } | null;
  /** Failed calls caught in the last hour, where the query read them (the fleet's does). */
  failuresLastHour?: number;
}

export const hostRowSelect = {
  id: true, name: true, intervalSeconds: true, labels: true, agentLabels: true,
  state: {
    select: {
      receivedAt: true, ...stateFieldSelect,
      containersRunning: true, containerRoom: true, worstFraction: true, panicRisk: true, crashingBuildkit: true, machineIdChangedAt: true,
    },
  },
} as const;

const containerRoomOf = (text: string) => containerRoom.nullable().catch(null).parse(JSON.parse(text));

/** Where the container count's pace fills a limit sooner than the limit's own trend, that time stands for it (in `exhaustion`). */
function followCount(exhaustion: HostSummary['exhaustion'], room: ContainerRoom): DimensionKey | null {
  const own = exhaustion[room.binds];
  return room.fullInSeconds === null || (own !== null && own <= room.fullInSeconds) ? null : room.binds;
}

/** How long a machine id change stays news: a reinstall is old after a day; two machines keep it fresh. */
export const MACHINE_CHANGE_SHOWN_MS = 86400_000;

/** A host carries the labels its agent reports and those admins gave it. */
export function effectiveLabels(h: { labels: string[]; agentLabels: string[] }): string[] {
  return [...new Set([...h.agentLabels, ...h.labels])].sort();
}

/**
 * The labels a silence may match. An agent's own count only where its token
 * keeps a list an admin chose: anyone holding a shared token could otherwise
 * send the label of an existing silence and mute a host's alerts.
 */
export function silenceLabels(h: { labels: string[]; agentLabels: string[]; agentLabelsTrusted: boolean }): string[] {
  return h.agentLabelsTrusted ? effectiveLabels(h) : [...h.labels].sort();
}

/** SQL true when host `h`'s enrolling token (`t`, joined on h.enrolled_by) has its agent labels trusted by silences (see silenceLabels). */
const agentLabelsTrustedSql = `COALESCE(t.agent_labels = '${TRUSTED_AGENT_LABELS}', false)`;

/** `firing`: the host's worst firing alert (see worstFiringAlert); alert evaluation passes none, judging the figures alone. */
export function toSummary(h: HostRow, now: Date, t: Thresholds = DEFAULT_THRESHOLDS, firing: FiringAlert | null = null): HostSummary {
  const s = h.state;
  const pick = (k: DimensionKey) => {
    const f = fieldsOf(k);
    return { used: s ? s[f.used] : 0, limit: s ? s[f.limit] : 0, slope: s ? s[f.slope] : 0 };
  };
  const dimensions = Object.fromEntries(dimensionKeys.map((k) => [k, dim(pick(k).used, pick(k).limit)])) as HostSummary['dimensions'];
  // From the figures; a firing alert may raise it (withFiringAlert), never to or from silent.
  const status = statusOf(s?.worstFraction ?? 0, s?.receivedAt ?? null, h.intervalSeconds, now, t);
  // A silent host's trend is its last one, gone stale: "full in 87 s" on a
  // host not heard from for an hour says nothing true.
  const exhaustion = Object.fromEntries(dimensionKeys.map((k) => {
    const p = pick(k);
    return [k, status === 'silent' ? null : secondsToExhaustion(p.used, p.limit, p.slope)];
  })) as HostSummary['exhaustion'];
  const room = status === 'silent' || !s?.containerRoom ? null : containerRoomOf(s.containerRoom);
  const followsContainers = room ? followCount(exhaustion, room) : null;
  if (followsContainers) exhaustion[followsContainers] = room!.fullInSeconds;
  const soonest = Object.values(exhaustion).filter((x): x is number => x !== null);
  return {
    id: h.id,
    name: h.name,
    // Last seen is when the server received a report: agent clocks may be off.
    lastSeen: s ? s.receivedAt.toISOString() : null,
    status: withFiringAlert(status, firing?.severity ?? null),
    statusFromFigures: status,
    firingAlert: firing,
    worstFraction: s?.worstFraction ?? 0,
    dimensions,
    // Stale too, as the fleet's panic count has it: the held alert speaks for it.
    panicRisk: status !== 'silent' && (s?.panicRisk ?? false),
    crashingBuildkit: s?.crashingBuildkit ?? false,
    machineChanged: !!s?.machineIdChangedAt && now.getTime() - s.machineIdChangedAt.getTime() < MACHINE_CHANGE_SHOWN_MS,
    containersRunning: s?.containersRunning ?? null,
    // Stale on a silent host, as its trend is.
    containerRoom: room,
    labels: effectiveLabels(h),
    exhaustion,
    followsContainers,
    rising: Object.fromEntries(dimensionKeys.map((k) => [k, status === 'silent' ? 0 : Math.max(0, pick(k).slope)])) as HostSummary['rising'],
    exhaustionSeconds: soonest.length ? Math.min(...soonest) : null,
    failuresLastHour: h.failuresLastHour ?? 0,
  };
}

/** The columns of `host h LEFT JOIN host_state s` that toHostRow reads. */
export const hostRowColumns = `h.id, h.name, h.labels, h.agent_labels, h.interval_seconds, s.received_at,
  ${stateColumns}, s.containers_running, s.container_room, s.worst_fraction, s.panic_risk, s.crashing_buildkit, s.machine_id_changed_at`;

/** A raw row of host joined to host_state (snake_case columns) as a HostRow. */
export function toHostRow(r: Record<string, unknown>): HostRow {
  const n = (k: string) => Number(r[k] ?? 0);
  return {
    id: String(r.id), name: String(r.name), intervalSeconds: n('interval_seconds'),
    labels: (r.labels as string[] | null) ?? [], agentLabels: (r.agent_labels as string[] | null) ?? [],
    state: r.received_at ? {
      receivedAt: r.received_at as Date, ...stateFields(r),
      containersRunning: r.containers_running === null ? null : n('containers_running'),
      containerRoom: (r.container_room as string | null) ?? null,
      worstFraction: n('worst_fraction'), panicRisk: Boolean(r.panic_risk), crashingBuildkit: Boolean(r.crashing_buildkit),
      machineIdChangedAt: (r.machine_id_changed_at as Date | null) ?? null,
    } : null,
    ...(r.failures_hour === undefined ? {} : { failuresLastHour: n('failures_hour') }),
  };
}

/** A host whose newest report came within this many hours of its first: a flood's made-up host looks like this. */
export const SHORT_LIVED_HOURS = 1;

/**
 * A host as alert evaluation reads it: its summary's row, whose counts they
 * are, whether silences trust its agent's labels, and whether it stopped
 * within SHORT_LIVED_HOURS of enrolling (its silence is grouped in digests).
 */
export type RoundHostRow = HostRow & { subjects: Subjects | null; agentLabelsTrusted: boolean; shortLived: boolean };

/**
 * Every host with its current state, for alert evaluation: one raw query.
 * Prisma's mapping of the same 10,000 rows cost about 350 ms of CPU a round,
 * every five seconds.
 */
export async function allHostRows(db: Sql): Promise<RoundHostRow[]> {
  const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT ${hostRowColumns}, s.subjects,
    ${agentLabelsTrustedSql} AS agent_labels_trusted, s.received_at - h.created_at < interval '${SHORT_LIVED_HOURS} hour' AS short_lived
    FROM host h LEFT JOIN host_state s ON s.host_id = h.id LEFT JOIN api_token t ON t.id = h.enrolled_by`);
  return rows.map((r) => ({
    ...toHostRow(r),
    // Whose count each dimension is, for alert messages (null before it was recorded).
    subjects: r.subjects ? (JSON.parse(String(r.subjects)) as Subjects) : null,
    agentLabelsTrusted: Boolean(r.agent_labels_trusted),
    shortLived: Boolean(r.short_lived),
  }));
}

/**
 * Each host's worst firing alert as a relation `fa` (host_id and the alert_*
 * columns toFiringAlert reads): critical first, then the first fired. Host
 * silence is left out: it has a status of its own. The fleet list and a host's
 * page both read a host's status through this.
 */
export const worstFiringAlert = `(
  SELECT DISTINCT ON (a.host_id) a.host_id, a.severity AS alert_severity, a.dimension AS alert_dimension,
    a.value AS alert_value, ru.name AS alert_rule, count(*) OVER (PARTITION BY a.host_id) AS alert_count
  FROM alert a JOIN alert_rule ru ON ru.id = a.rule_id
  WHERE a.state = 'firing' AND a.dimension <> 'silent'
  ORDER BY a.host_id, a.severity = 'critical' DESC, a.fired_at, a.id
) fa`;

export function toFiringAlert(r: Record<string, unknown>): FiringAlert | null {
  if (r.alert_severity !== 'warning' && r.alert_severity !== 'critical') return null;
  return { severity: r.alert_severity, rule: String(r.alert_rule), dimension: String(r.alert_dimension), value: Number(r.alert_value), count: Number(r.alert_count) };
}

/** One host's worst firing alert, or null. */
export async function hostFiringAlert(db: Sql, hostId: string): Promise<FiringAlert | null> {
  const [row] = await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM ${worstFiringAlert} WHERE fa.host_id = $1::uuid`, hostId);
  return row ? toFiringAlert(row) : null;
}
