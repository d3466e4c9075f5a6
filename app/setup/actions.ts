'use server';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { clientAddress } from '@/lib/server/auth/current-user';
import { setSessionCookie } from '@/lib/server/auth/cookie';
import { createSession } from '@/lib/server/auth/sessions';
import { db } from '@/lib/server/db/client';
import { formAction, type FormState } from '@/lib/server/form';
import { createUser } from '@/lib/server/services/users';

/** First run only: the first admin. Refused as soon as any user exists. */
export async function setupAction(_prev: FormState, form: FormData): Promise<FormState> {
  if (form.get('password') !== form.get('confirm')) return { ok: false, message: 'the passwords differ', fieldErrors: { confirm: 'differs' } };
  const state = await formAction(async () => {
    const user = await createUser(db(), { name: form.get('name'), role: 'admin', password: form.get('password') }, 'setup', { firstOnly: true });
    const s = await createSession(db(), user.id, { address: await clientAddress(), userAgent: (await headers()).get('user-agent') });
    await setSessionCookie(s.secret, s.expiresAt);
  });
  if (state.ok) redirect('/');
  return state;
}
