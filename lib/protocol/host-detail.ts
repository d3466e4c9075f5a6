// GET /api/v1/hosts/:id and /series: one host as the host page shows it, and
// what its charts draw. Output schemas: the OpenAPI description is made from them.
import { z } from 'zod';
import { dimensionKeys, fieldsOf, type DimensionKey } from '../dimensions';
import { hostSummary } from './api';
import { byContainer, containers, daemonInfo, limitSource, processInfo, uidUsage } from './report';

const time = z.string().describe('ISO 8601');

export const hostDetail = z.object({
  host: hostSummary,
  facts: z.object({
    machineId: z.string().nullable(), kernel: z.string().nullable(), agentVersion: z.string().nullable(),
    bootTime: time.nullable(), createdAt: time, intervalSeconds: z.number(),
  }),
  labels: z.object({ agent: z.array(z.string()), admin: z.array(z.string()) }),
  /** The limits of the latest full report, and where the inotify ones came from (a user namespace's can be lower). */
  limits: z.object({
    inotifyInstances: z.object({ value: z.number(), source: limitSource }),
    inotifyWatches: z.object({ value: z.number(), source: limitSource }),
    fileMax: z.number(), nrOpen: z.number(),
    daemons: z.array(daemonInfo.pick({ name: true, pid: true, fds: true, fdLimit: true })),
  }).nullable(),
  /** The latest full report's top processes, users, daemons and containers. */
  latest: z.object({
    collectedAt: time, uids: z.array(uidUsage), processes: z.array(processInfo), daemons: z.array(daemonInfo),
    containers, byContainer: byContainer.nullable(),
  }).nullable(),
  /** What to raise, from the latest report and the peaks of the last hour: the host page's "What to raise on this host". */
  advice: z.array(z.object({ title: z.string(), why: z.string(), commands: z.array(z.string()) })),
  flags: z.object({
    panicRisk: z.boolean(), crashingBuildkit: z.boolean(),
    machineChange: z.object({ at: time, from: z.string().nullable(), to: z.string().nullable() }).nullable(),
  }),
  /** When the report behind the figures was collected. */
  summaryAt: time.nullable(),
});
export type HostDetail = z.infer<typeof hostDetail>;

const point = z.object({
  t: z.number().describe('ms since 1970: the start of the point\'s bucket'),
  containersRunning: z.number().nullable(),
  ...(Object.fromEntries(dimensionKeys.flatMap((k) => [[fieldsOf(k).used, z.number()], [fieldsOf(k).limit, z.number()]])) as Record<`${DimensionKey}${'Used' | 'Limit'}`, z.ZodNumber>),
});
const uidLine = z.object({ uid: z.number(), user: z.string().nullable() });

export const hostSeriesAnswer = z.object({
  from: z.number(), to: z.number(),
  /** raw reports, minute or hour rollups: what the range picks, as on the host page. */
  resolution: z.enum(['raw', 'minute', 'hour']),
  bucketMs: z.number(),
  /** Each point the peak of its bucket. */
  points: z.array(point),
  /** The users drawn per chart, and their points: i<uid> instances, w<uid> watches. */
  uids: z.object({ instances: z.array(uidLine), watches: z.array(uidLine), bucketMs: z.number(), points: z.array(z.record(z.string(), z.number())) }),
});
export type HostSeriesAnswer = z.infer<typeof hostSeriesAnswer>;
