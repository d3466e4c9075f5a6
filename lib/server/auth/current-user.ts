import 'server-only';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { db } from '../db/client';
import { clientOf } from '../../web/forwarded.mjs';
import { env } from '../env';
import { AppError } from '../errors';
import { allows, type Role } from './roles';
import { readSession, SESSION_COOKIE, type SessionUser } from './sessions';

/**
 * The signed-in user. Memoised for one server render (React's cache), so a
 * layout and its page share one session lookup; outside a render (route
 * handlers, server actions) each call reads afresh.
 */
export const currentUser = cache(async (): Promise<SessionUser | null> =>
  readSession(db(), (await cookies()).get(SESSION_COOKIE)?.value));

/** For pages: the signed-in user, or off to sign in (or to first-run setup when there is no user yet). */
export async function requirePageUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (user) return user;
  if ((await db().user.count()) === 0) redirect('/setup');
  redirect('/login');
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
  return clientOf((await headers()).get('x-forwarded-for') ?? '', env().HEADROOM_TRUST_PROXY);
}
