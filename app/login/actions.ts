'use server';
import { redirect } from 'next/navigation';
import { safeNext, setDeviceCookie, setSessionCookie, signIn } from '@/lib/access';
import { refuseForeignHost } from '@/lib/server/allowed-host';
import { AppError } from '@/lib/server/errors';

// Signing in is how an actor comes to be, not a command one runs: its attempts
// are counted (lib/access/login.ts), not audited.
export async function loginAction(_prev: { message?: string; name?: string }, form: FormData): Promise<{ message?: string; name?: string }> {
  let ok = false;
  try {
    await refuseForeignHost();
    const { session, device } = await signIn(String(form.get('name') ?? ''), String(form.get('password') ?? ''));
    await setSessionCookie(session.secret, session.expiresAt);
    await setDeviceCookie(device);
    ok = true;
  } catch (err) {
    // The name comes back so the form keeps it after React resets the fields.
    if (err instanceof AppError) return { message: err.message, name: String(form.get('name') ?? '') };
    throw err;
  }
  if (ok) redirect(safeNext(form.get('next')));
  return {};
}
