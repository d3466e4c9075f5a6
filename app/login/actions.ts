'use server';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { login } from '@/lib/access';
import { clientAddress } from '@/lib/access';
import { safeNext, setSessionCookie } from '@/lib/access';
import { db } from '@/lib/server/db/client';
import { AppError } from '@/lib/server/errors';

export async function loginAction(_prev: { message?: string; name?: string }, form: FormData): Promise<{ message?: string; name?: string }> {
  let ok = false;
  try {
    const { session } = await login(db(), String(form.get('name') ?? ''), String(form.get('password') ?? ''), {
      address: await clientAddress(), userAgent: (await headers()).get('user-agent'),
    });
    await setSessionCookie(session.secret, session.expiresAt);
    ok = true;
  } catch (err) {
    // The name comes back so the form keeps it after React resets the fields.
    if (err instanceof AppError) return { message: err.message, name: String(form.get('name') ?? '') };
    throw err;
  }
  if (ok) redirect(safeNext(form.get('next')));
  return {};
}
