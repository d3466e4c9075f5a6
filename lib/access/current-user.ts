import 'server-only';
import { cache } from 'react';
import { db } from '../server/db/client';
import { clientOf } from '../web/forwarded.mjs';
import { env } from '../server/env';
import { AppError } from '../server/errors';
import { allows, type Role } from './roles';
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

/** For pages: the signed-in user, or off to sign in (or to first-run setup when there is no user yet). */
export async function requirePageUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (user) return user;
  if ((await db().user.count()) === 0) return redirect('/setup');
  return redirect('/login');
}

/** For server actions: enforced on the server, whatever the page showed. */
export async function requireRole(need: Role): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) throw new AppError('unauthorized', 'sign in first');
  if (!allows(user.role, need)) throw new AppError('forbidden', `this needs the ${need} role; you are ${user.role}`);
  return user;
}

/** The client's address for rate limiting and the session list (see clientOf in lib/web/forwarded.mjs). */
export async function clientAddress(): Promise<string> {
  return clientOf((await (await request()).headers()).get('x-forwarded-for') ?? '', env().HEADROOM_TRUST_PROXY);
}
