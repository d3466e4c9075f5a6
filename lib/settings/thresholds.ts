import 'server-only';
import { z } from 'zod';
import { DEFAULT_THRESHOLDS, type Thresholds } from '../risk';
import type { Db, Tx } from '../server/db/client';
import { perClient } from '../server/db/per-client';
import { checkSetting, readSetting, writeSetting } from './admin-settings';

const KEY = 'thresholds';

/**
 * The fleet's status levels: what colours a host warning or critical, when
 * it counts as silent, and the level at which watcher-panic risk is flagged.
 * Alert rules keep their own levels; these are what the fleet view shows.
 */
export const thresholdsInput = z.object({
  warning: z.coerce.number().gt(0).lt(1),
  critical: z.coerce.number().gt(0).max(1),
  silentAfterIntervals: z.coerce.number().int().min(2).max(100),
}).refine((t) => t.critical > t.warning, { message: 'critical must be above warning', path: ['critical'] });

// Read on every ingest batch, fleet page and evaluation round: a few seconds
// of caching keeps it off the hot path; a change shows everywhere within 5 s.
const CACHE_MS = 5000;
const cacheOf = perClient('thresholds', () => ({ at: 0, value: DEFAULT_THRESHOLDS }));

export async function getThresholds(db: Db, now = Date.now()): Promise<Thresholds> {
  const c = cacheOf(db);
  if (now - c.at < CACHE_MS) return c.value;
  c.value = await readSetting(db, KEY, thresholdsInput, DEFAULT_THRESHOLDS);
  c.at = now;
  return c.value;
}

/** Stores new levels (checked by thresholdsInput); the thresholds.set command, which audits it, calls this. */
export const writeThresholds = (db: Tx, t: Thresholds): Promise<Thresholds> => writeSetting(db, KEY, t);

/** This replica reads the levels afresh on next use; others within CACHE_MS. */
export function forgetThresholds(db: Db): void {
  cacheOf(db).at = 0;
}

/** Checks and stores new levels outside a command (tests, scripts): not audited. */
export async function setThresholds(db: Db, input: unknown): Promise<Thresholds> {
  const t = await writeThresholds(db, checkSetting(thresholdsInput, input));
  forgetThresholds(db);
  return t;
}
