// Next.js calls register() once per server process: start alert evaluation and
// notification delivery there (every replica may; they coordinate in Postgres).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { env } = await import('./lib/server/env');
  if (!env().HEADROOM_WORKER) return;
  const { db } = await import('./lib/server/db/client');
  const { startWorker, workerOptionsFromEnv } = await import('./lib/server/worker');
  startWorker(db(), workerOptionsFromEnv());
}
