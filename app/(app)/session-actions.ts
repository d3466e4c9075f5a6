'use server';
import { redirect } from 'next/navigation';
import { clearSessionCookie } from '@/lib/access';
import { uiCommand } from '@/lib/commands';

// The cookie goes whether or not a session was ended (a stale cookie has none),
// after the commit: it is the browser's, not part of the transaction.
export async function signOutAction(): Promise<void> {
  await uiCommand('session.end', {});
  await clearSessionCookie();
  redirect('/login');
}

export async function signOutEverywhereAction(): Promise<void> {
  await uiCommand('session.endAll', {});
  await clearSessionCookie();
  redirect('/login');
}
