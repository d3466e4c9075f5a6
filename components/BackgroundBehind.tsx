import { connection } from 'next/server';
import { db } from '@/lib/server/db/client';
import { backgroundStatus } from '@/lib/server/services/background-status';
import { formatDuration } from '@/lib/format';

/** Every page says so when no process runs alert evaluation (and the rest of the background work). */
export async function BackgroundBehind() {
  await connection();
  let s;
  try {
    s = await backgroundStatus(db());
  } catch { return null; /* a banner must not fail a page */ }
  if (!s.behind || s.lagSeconds === null) return null;
  return (
    <div role="alert" data-testid="background-behind" className="mx-auto mt-4 max-w-7xl px-4">
      <p className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950/50 dark:text-red-100">
        <strong>Alerts are not being evaluated.</strong> No background work has run for {formatDuration(s.lagSeconds)}:
        no alert fires or is sent, and history is not rolled up. Run <code>headroom serve</code> or <code>headroom worker</code> somewhere,
        without <code>HEADROOM_WORKER=0</code> (docs/deploy.md).
      </p>
    </div>
  );
}
