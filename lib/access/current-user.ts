import 'server-only';
import { cache } from 'react';
import { db } from '../server/db/client';
import { clientOf } from '../web/forwarded.mjs';
import { env } from '../server/env';
import { DEVICE_COOKIE } from './devices';
import { login } from './login';
import { readSession, SESSION_COOKIE, type SessionUser } from './sessions';

// Loaded on use: this module's entry is also imported by the CLI, outside any request.
const request = () => import('next/headers');
const redirect = async (to: string): Promise<never> => (await import('next/navigation')).redirect(to);

/**
 * The signed-in user. Memoised for one server render (React's cache), so a
 * layout and its page share one session lookup; outside a render (route
 * handlers, server actions) each call reads afresh.
 */
export const currentUser = cache(async (): Promise<SessionUser | null> =>
  readSession(db(), (await (await request()).cookies()).get(SESSION_COOKIE)?.value));

/** Whether any user exists yet: before the first, sign-in leads to first-run setup. */
export const anyUser = async (): Promise<boolean> => (await db().user.count()) > 0;

/** For pages: the signed-in user, or off to sign in (or to first-run setup when there is no user yet). */
export async function requirePageUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (user) return user;
  if (!(await anyUser())) return redirect('/setup');
  return redirect('/login');
}

/** The client's address for rate limiting and the session list (see clientOf in lib/web/forwarded.mjs). */
async function clientAddress(): Promise<string> {
  return clientOf((await (await request()).headers()).get('x-forwarded-for') ?? '', env().HEADROOM_TRUST_PROXY);
}

/** What a new session records of the request that opened it. */
export async function requestMeta(): Promise<{ address: string; userAgent: string | null }> {
  return { address: await clientAddress(), userAgent: (await (await request()).headers()).get('user-agent') };
}

/** The sign-in form's check: the session it opens and the browser's device secret, or an AppError saying why not (throttling included). */
export async function signIn(name: string, password: string): Promise<{ session: { secret: string; expiresAt: Date }; device: string }> {
  const device = (await (await request()).cookies()).get(DEVICE_COOKIE)?.value;
  const { session, device: known } = await login(db(), name, password, { ...(await requestMeta()), device });
  return { session, device: known };
}
