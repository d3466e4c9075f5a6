'use server';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { clientAddress } from '@/lib/access';
import { setSessionCookie } from '@/lib/access';
import { createSession } from '@/lib/access';
import { db } from '@/lib/server/db/client';
import { formAction, parseForm, type FormState } from '@/lib/forms';
import { createUser, newUserInput } from '@/lib/access';

const labels = { name: 'Name', password: 'Password' };

/** First run only: the first admin. Refused as soon as any user exists. */
export async function setupAction(_prev: FormState, form: FormData): Promise<FormState> {
  if (form.get('password') !== form.get('confirm')) return { ok: false, message: 'the passwords differ', fieldErrors: { confirm: 'differs' } };
  const state = await formAction(async () => {
    const input = parseForm(newUserInput, { name: form.get('name'), role: 'admin', password: form.get('password') }, labels);
    const user = await createUser(db(), input, 'setup', { firstOnly: true });
    const s = await createSession(db(), user.id, { address: await clientAddress(), userAgent: (await headers()).get('user-agent') });
    await setSessionCookie(s.secret, s.expiresAt);
  }, labels);
  if (state.ok) redirect('/');
  return state;
}
