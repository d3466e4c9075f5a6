import 'server-only';
import { countUnhandled } from '../alerts';
import { backgroundStatus } from '../ops';
import { db } from '../server/db/client';
import type { Viewer } from './viewer';

/**
 * What every signed-in page's frame shows: who is signed in, the bell's count
 * and whether background work lags. The last two arrive as promises for the
 * header's Suspense boundaries, and as null when unreadable: a page must not fail for them.
 */
export function appShell(viewer: Viewer) {
  return {
    user: { name: viewer.name, role: viewer.role },
    firing: orNull(() => countUnhandled(db())),
    background: orNull(() => backgroundStatus(db())),
  };
}

export type ShellView = ReturnType<typeof appShell>;

async function orNull<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch {
    return null;
  }
}
