'use server';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { clearSessionCookie } from '@/lib/server/auth/cookie';
import { requireRole } from '@/lib/server/auth/current-user';
import { endAllSessions, endSession, SESSION_COOKIE } from '@/lib/server/auth/sessions';
import { db } from '@/lib/server/db/client';

export async function signOutAction(): Promise<void> {
  const secret = (await cookies()).get(SESSION_COOKIE)?.value;
  if (secret) await endSession(db(), secret);
  await clearSessionCookie();
  redirect('/login');
}

export async function signOutEverywhereAction(): Promise<void> {
  const user = await requireRole('viewer');
  await endAllSessions(db(), user.id);
  await clearSessionCookie();
  redirect('/login');
}
