import { dataDir, env } from '../server/env';
import { openDatabase, runningEmbeddedUrl, startWorker, workerOptionsFromEnv } from '../ops';
import { parseFlags } from './args';

export const workerUsage = 'headroom worker [--no-evaluate] [--no-deliver]   alert evaluation, delivery, rollups and pruning only (no web server)';

/** `headroom worker`: the background work without the web server, for a separate worker tier (and the tests). */
export async function workerCommand(argv: string[]): Promise<void> {
  const { values } = parseFlags(argv, { 'no-evaluate': { type: 'boolean' }, 'no-deliver': { type: 'boolean' } });
  const e = env();
  const url = e.DATABASE_URL ?? runningEmbeddedUrl(dataDir(e));
  if (!url) throw new Error('no database: set DATABASE_URL, or run it next to `headroom serve`');
  const db = openDatabase(url);
  const stop = startWorker(db, { ...workerOptionsFromEnv(), evaluate: !values['no-evaluate'], deliver: !values['no-deliver'] });
  process.stdout.write(`headroom worker: started (pid ${process.pid})\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  await stop();
  await db.$disconnect();
}
