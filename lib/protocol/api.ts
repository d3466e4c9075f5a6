// Shapes of the JSON API's answers, shared by the server, the CLI and the tests.
import { z } from 'zod';
import { dimensionKeys } from '../dimensions';

// The dimensions are those lib/dimensions describes; the contract names them by its keys.
export { dimensionKeys, type DimensionKey } from '../dimensions';
export const dimensionKey = z.enum(dimensionKeys);

export const status = z.enum(['ok', 'warning', 'critical', 'silent']);
export type Status = z.infer<typeof status>;

export const dimension = z.object({ used: z.number(), limit: z.number(), fraction: z.number() });
export type Dimension = z.infer<typeof dimension>;

/** A host's worst firing alert (critical first, then the first fired): the one that can raise its status above its figures. */
export const firingAlert = z.object({
  severity: z.enum(['warning', 'critical']),
  /** The rule's name, and what it watches (a dimension, exhaustion or panicRisk). */
  rule: z.string(),
  dimension: z.string(),
  value: z.number(),
  /** Firing alerts on the host, this one included. */
  count: z.number(),
});
export type FiringAlert = z.infer<typeof firingAlert>;

export const containerRoom = z.object({
  room: z.number(),
  perContainer: z.object({ instances: z.number(), watches: z.number() }),
  from: z.enum(['history', 'ratio']),
  // Defaults: states written before the room had a pace.
  binds: z.enum(['inotifyInstances', 'inotifyWatches']).default('inotifyInstances'),
  containersPerHour: z.number().default(0),
  /** Seconds until the room is gone at the count's pace, where the count drives the use; null when not. */
  fullInSeconds: z.number().nullable().default(null),
});

export const hostSummary = z.object({
  id: z.string(),
  name: z.string(),
  lastSeen: z.string().nullable(),
  /** The worse of `statusFromFigures` and the severity of `firingAlert`; silent stays silent. */
  status,
  /** The status the figures alone give: the fleet's status levels, or silent. */
  statusFromFigures: status,
  firingAlert: firingAlert.nullable(),
  worstFraction: z.number(),
  dimensions: z.record(dimensionKey, dimension),
  panicRisk: z.boolean(),
  crashingBuildkit: z.boolean(),
  /** A report came from another machine id than the one before within the last day: a reinstall, or two machines under one name. */
  machineChanged: z.boolean(),
  containersRunning: z.number().nullable(),
  /** Containers that can still start before new watchers fail, from what one costs the daemons' UID; null without containers. */
  containerRoom: containerRoom.nullable(),
  labels: z.array(z.string()),
  /** Seconds until each limit is reached at the fitted trend; null when not confidently rising or past the 7-day horizon. */
  exhaustion: z.record(dimensionKey, z.number().nullable()),
  /** Each dimension's fitted rise, units per second (over the dimension's window); 0 when not confidently rising. */
  rising: z.record(dimensionKey, z.number()),
  /** The dimension whose time to exhaustion follows the container count (sooner than its own trend), if any. */
  followsContainers: dimensionKey.nullable(),
  /** The soonest of those. */
  exhaustionSeconds: z.number().nullable(),
  /** Failed fd and inotify calls the agent caught in the last hour (0 without failure capture). */
  failuresLastHour: z.number(),
});
export type HostSummary = z.infer<typeof hostSummary>;

export const fleetCounts = z.object({ ok: z.number(), warning: z.number(), critical: z.number(), silent: z.number(), all: z.number(), panicRisk: z.number(), failedLastHour: z.number() });

export const hostList = z.object({ hosts: z.array(hostSummary), total: z.number(), page: z.number(), per: z.number(), counts: fleetCounts });

export const ingestAccepted = z.object({ reportId: z.string(), hostId: z.string(), duplicate: z.boolean() });
export type IngestAccepted = z.infer<typeof ingestAccepted>;

export const apiError = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ApiError = z.infer<typeof apiError>;
