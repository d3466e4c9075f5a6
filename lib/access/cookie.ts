import 'server-only';
import { env } from '../server/env';
import { SESSION_COOKIE } from './sessions';

// Loaded on use: this module's entry is also imported by the CLI, outside any request.
const next = () => import('next/headers');

/** Secure unless the dashboard is reached over plain http on a non-local name (where browsers would drop it). */
async function secure(): Promise<boolean> {
  const mode = env().HEADROOM_SECURE_COOKIES;
  if (mode !== 'auto') return mode === 'always';
  const h = await (await next()).headers();
  const proto = h.get('x-forwarded-proto') ?? 'http';
  const host = (h.get('host') ?? '').replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return proto === 'https' || ['localhost', '127.0.0.1', '::1'].includes(host);
}

export async function setSessionCookie(secret: string, expires: Date): Promise<void> {
  (await (await next()).cookies()).set(SESSION_COOKIE, secret, { httpOnly: true, sameSite: 'lax', secure: await secure(), path: '/', expires });
}

export async function clearSessionCookie(): Promise<void> {
  (await (await next()).cookies()).delete(SESSION_COOKIE);
}

/** Only a path on this site: never an open redirect to someone else's. */
export function safeNext(next: unknown): string {
  const s = typeof next === 'string' ? next : '';
  return /^\/(?![/\\])[^\s]*$/.test(s) ? s : '/';
}
