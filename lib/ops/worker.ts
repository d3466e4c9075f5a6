import 'server-only';
import { db as processDb, type Db } from '../server/db/client';
import { env, publicUrl } from '../server/env';
import { deliverNotifications } from '../alerts';
import { evaluateAlerts, FORWARD_EVERY_MS, forwardToAlertmanagers } from '../alerts';
import { pruneOnce } from '../history';
import { compactions } from '../history';
import { rollupOnce } from '../history';
import { vacuumer } from './vacuum';

export interface WorkerOptions {
  evaluateMs: number;
  deliverMs: number;
  publicUrl: string;
  repeatMs: number;
  groupWaitMs: number;
  resolveAfterMs?: number;
  reopenWindowMs?: number;
  leaseMs?: number;
  backoffBaseMs?: number;
  evaluate?: boolean;
  prune?: boolean;
  rollup?: boolean;
  deliver?: boolean;
  log?: (msg: string) => void;
}

/**
 * Background work of a server process: alert evaluation, notification
 * delivery, rollups and pruning, each on its own timer. Safe on every replica (advisory lock,
 * SKIP LOCKED claims). Returns a stop function that waits for the current round.
 */
export function startWorker(db: Db, o: WorkerOptions): () => Promise<void> {
  const log = o.log ?? ((m: string) => console.error(`headroom worker: ${m}`));
  let stopped = false;
  // Stopping cuts the waits between rounds short (pruning waits ten minutes).
  let wake: () => void = () => {};
  const woken = new Promise<void>((r) => { wake = r; });
  const running: Promise<void>[] = [];
  const loop = (name: string, everyMs: number, work: () => Promise<unknown>) => {
    const p = (async () => {
      while (!stopped) {
        try {
          await work();
        } catch (err) {
          // One line each: a zod error's message is pretty-printed JSON, and log search goes by line.
          log(`${name} failed: ${(err as Error).message.replace(/\s*\n\s*/g, ' ')}`);
        }
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([new Promise((r) => { timer = setTimeout(r, everyMs); }), woken]);
        clearTimeout(timer);
      }
    })();
    running.push(p);
  };
  if (o.evaluate !== false) loop('evaluation', o.evaluateMs, () => evaluateAlerts(db, {
    publicUrl: o.publicUrl, repeatMs: o.repeatMs, groupWaitMs: o.groupWaitMs, roundMs: o.evaluateMs, resolveAfterMs: o.resolveAfterMs, reopenWindowMs: o.reopenWindowMs,
  }));
  if (o.deliver !== false) loop('delivery', o.deliverMs, () => deliverNotifications(db, { leaseMs: o.leaseMs, backoffBaseMs: o.backoffBaseMs }));
  if (o.deliver !== false) loop('alertmanager', FORWARD_EVERY_MS, async () => {
    const r = await forwardToAlertmanagers(db, { publicUrl: o.publicUrl });
    if (r.failed.length > 0) log(`alertmanager re-send failed: ${r.failed.join('; ')}`);
  });
  // Every 30 s: a minute is in the rollups within about half a minute of settling.
  if (o.rollup !== false) loop('rollup', 30_000, () => rollupOnce(db));
  if (o.rollup !== false) for (const [name, once] of compactions) loop(name, 5 * 60_000, () => once(db));
  if (o.prune !== false) loop('retention', 10 * 60_000, () => pruneOnce(db));
  // Only where no autovacuum runs (the embedded PGlite); a no-op on a Postgres server.
  if (o.prune !== false) loop('vacuum', 60_000, vacuumer(db));
  return async () => {
    stopped = true;
    wake();
    await Promise.all(running);
  };
}

export function workerOptionsFromEnv(): WorkerOptions {
  const e = env();
  return {
    evaluateMs: e.HEADROOM_EVALUATE_INTERVAL * 1000,
    deliverMs: Math.min(2000, e.HEADROOM_EVALUATE_INTERVAL * 1000),
    publicUrl: publicUrl(e),
    repeatMs: e.HEADROOM_ALERT_REPEAT * 1000,
    groupWaitMs: e.HEADROOM_ALERT_GROUP_WAIT * 1000,
    resolveAfterMs: e.HEADROOM_ALERT_RESOLVE_AFTER * 1000,
    reopenWindowMs: e.HEADROOM_ALERT_REOPEN_WINDOW * 1000,
    leaseMs: e.HEADROOM_DELIVERY_LEASE * 1000,
    backoffBaseMs: e.HEADROOM_DELIVERY_BACKOFF * 1000,
  };
}

/** startWorker on the process's database, as the environment configures it (the web server's, instrumentation.ts). */
export const startProcessWorker = (): (() => Promise<void>) => startWorker(processDb(), workerOptionsFromEnv());
