import 'server-only';
import { anyUser, currentUser, oidcSettings, safeNext } from '../access';
import { db } from '../server/db/client';
import type { SearchParams } from './viewer';

/** The sign-in page: where to send someone who needs no sign-in (first-run setup, or already in), else where to go after, and the provider's button. */
export async function loginPage(search: SearchParams): Promise<{ redirect: '/setup' | '/' | null; next: string; sso: { name: string; only: boolean; start: string } | null; ssoError: string | null }> {
  const next = safeNext(search.next);
  const s = oidcSettings();
  const sso = s ? { name: s.name, only: s.only, start: `/auth/oidc/start?next=${encodeURIComponent(next)}` } : null;
  const ssoError = typeof search.sso_error === 'string' ? search.sso_error.slice(0, 300) : null;
  if (!(await anyUser())) return { redirect: '/setup', next, sso, ssoError };
  return { redirect: (await currentUser()) ? '/' : null, next, sso, ssoError };
}

/** First-run setup: only while there is no user; after that, sign in instead. */
export async function setupPage(): Promise<{ redirect: '/login' | null }> {
  return { redirect: (await anyUser()) ? '/login' : null };
}
