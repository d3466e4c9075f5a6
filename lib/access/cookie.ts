import 'server-only';
import { env } from '../server/env';
import { DEVICE_COOKIE, DEVICE_DAYS } from './devices';
import { SESSION_COOKIE } from './sessions';

// Loaded on use: this module's entry is also imported by the CLI, outside any request.
const next = () => import('next/headers');

/** Secure unless the dashboard is reached over plain http on a non-local name (where browsers would drop it). */
export async function cookieSecure(): Promise<boolean> {
  const mode = env().HEADROOM_SECURE_COOKIES;
  if (mode !== 'auto') return mode === 'always';
  const h = await (await next()).headers();
  const proto = h.get('x-forwarded-proto') ?? 'http';
  const host = (h.get('host') ?? '').replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return proto === 'https' || ['localhost', '127.0.0.1', '::1'].includes(host);
}

export async function setSessionCookie(secret: string, expires: Date): Promise<void> {
  (await (await next()).cookies()).set(SESSION_COOKIE, secret, { httpOnly: true, sameSite: 'lax', secure: await cookieSecure(), path: '/', expires });
}

/** The browser's device cookie (lib/access/devices.ts), kept through sign-outs: it only says the browser was here before. */
export async function setDeviceCookie(secret: string): Promise<void> {
  (await (await next()).cookies()).set(DEVICE_COOKIE, secret, { httpOnly: true, sameSite: 'lax', secure: await cookieSecure(), path: '/', maxAge: DEVICE_DAYS * 86400 });
}

export async function clearSessionCookie(): Promise<void> {
  (await (await next()).cookies()).delete(SESSION_COOKIE);
}

/** Only a path on this site: never an open redirect to someone else's. */
export function safeNext(next: unknown): string {
  const s = typeof next === 'string' ? next : '';
  return /^\/(?![/\\])[^\s]*$/.test(s) ? s : '/';
}

/** Set after a user's change: for as long as a read replica may lag, their pages read the primary. */
export const FRESH_COOKIE = 'headroom_fresh';

export async function markWrote(): Promise<void> {
  const until = Date.now() + env().HEADROOM_READ_MAX_LAG * 1000;
  (await (await next()).cookies()).set(FRESH_COOKIE, String(until), { httpOnly: true, sameSite: 'lax', secure: await cookieSecure(), path: '/', maxAge: Math.ceil(env().HEADROOM_READ_MAX_LAG) + 1 });
}

/** Whether this request's user changed something recently; false outside a request. */
export async function wroteRecently(): Promise<boolean> {
  try {
    return Number((await (await next()).cookies()).get(FRESH_COOKIE)?.value ?? 0) > Date.now();
  } catch {
    return false;
  }
}
