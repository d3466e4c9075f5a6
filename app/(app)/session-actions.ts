'use server';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { clearSessionCookie } from '@/lib/access';
import { requireRole } from '@/lib/access';
import { endAllSessions, endSession, SESSION_COOKIE } from '@/lib/access';
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
