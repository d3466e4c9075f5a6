import type { Report } from '../protocol';
import { assess, DEFAULT_THRESHOLDS, type Assessment, type Thresholds } from '../risk';
import { factsKey } from './latest-report';
import { flattenUids, processesKey, uidsKey } from './samples';

/** A validated report with everything the batch writer derives from it, computed outside the transaction. */
export interface Prepared {
  r: Report;
  a: Assessment;
  at: number;
  receivedAt: Date;
  /** performance.now() when prepared: with receivedAt, the report's age when its batch is written. */
  preparedAt: number;
  /** Changes when anything stored on the host row changes: unchanged hosts are not rewritten. */
  hostKey: string;
  uidsFlat: number[];
  uidsKey: string;
  processesKey: string;
  /** Slow-changing facts of the full report: a change rewrites host_report at once. */
  factsKey: string;
  /** The ingest token it came with: a host's first report enrols it under that token (and its host limit). */
  enrol: Enrolment | null;
}

export interface Enrolment { tokenId: string; tokenName: string; maxHosts: number | null }

export function prepare(r: Report, receivedAt: Date, t: Thresholds = DEFAULT_THRESHOLDS, enrol: Enrolment | null = null): Prepared {
  const h = r.host;
  return {
    r,
    a: assess(r, t),
    at: Date.parse(r.collectedAt),
    receivedAt,
    preparedAt: performance.now(),
    hostKey: JSON.stringify([h.machineId, h.kernel, h.agentVersion, h.bootTime, r.intervalSeconds, h.labels ?? []]),
    uidsFlat: flattenUids(r.uids),
    uidsKey: uidsKey(r.uids),
    processesKey: processesKey(r.processes, r.byContainer),
    factsKey: factsKey(r),
    enrol,
  };
}

/**
 * How old the report is now: its age on arrival plus the time it has waited
 * since (queue, transaction). A report can arrive on time and still be written
 * minutes later, behind a stalled database.
 */
export const ageNow = (p: Prepared, mono = performance.now()): number => p.receivedAt.getTime() - p.at + (mono - p.preparedAt);
