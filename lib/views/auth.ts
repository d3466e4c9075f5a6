import 'server-only';
import { anyUser, currentUser, safeNext } from '../access';
import { db } from '../server/db/client';
import type { SearchParams } from './viewer';

/** The sign-in page: where to send someone who needs no sign-in (first-run setup, or already in), else where to go after. */
export async function loginPage(search: SearchParams): Promise<{ redirect: '/setup' | '/' | null; next: string }> {
  const next = safeNext(search.next);
  if (!(await anyUser())) return { redirect: '/setup', next };
  return { redirect: (await currentUser()) ? '/' : null, next };
}

/** First-run setup: only while there is no user; after that, sign in instead. */
export async function setupPage(): Promise<{ redirect: '/login' | null }> {
  return { redirect: (await anyUser()) ? '/login' : null };
}
