// Next.js calls register() once per server process: start alert evaluation and
// notification delivery there (every replica may; they coordinate in Postgres),
// and hand the lean ingest endpoint to bin/web.mjs when that is the server.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { env } = await import('./lib/server/env');
  const { db } = await import('./lib/server/db/client');
  const { serveIngest } = await import('./lib/ingest');
  (globalThis as Record<symbol, unknown>)[Symbol.for('headroom.ingest')] =
    (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => serveIngest(db(), req, res);
  if (!env().HEADROOM_WORKER) return;
  const { startWorker, workerOptionsFromEnv } = await import('./lib/ops');
  startWorker(db(), workerOptionsFromEnv());
}
