// Next.js calls register() once per server process: start alert evaluation and
// notification delivery there (every replica may; they coordinate in Postgres),
// and hand the lean ingest endpoint to bin/web.mjs when that is the server.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { env } = await import('./lib/server/env');
  const { ingestHandler } = await import('./lib/ingest');
  (globalThis as Record<symbol, unknown>)[Symbol.for('headroom.ingest')] = ingestHandler();
  if (!env().HEADROOM_WORKER) return;
  const { startProcessWorker } = await import('./lib/ops');
  startProcessWorker();
}
