'use server';
import { redirect } from 'next/navigation';
import { requestMeta, setSessionCookie } from '@/lib/access';
import { runCommand, setupActor } from '@/lib/commands';
import { formAction, type FormState } from '@/lib/forms';
import { refuseForeignHost } from '@/lib/server/allowed-host';

const labels = { name: 'Name', password: 'Password' };

/** First run only: the first admin, signed in. Refused as soon as any user exists. */
export async function setupAction(_prev: FormState, form: FormData): Promise<FormState> {
  if (form.get('password') !== form.get('confirm')) return { ok: false, message: 'the passwords differ', fieldErrors: { confirm: 'differs' } };
  const state = await formAction(async () => {
    // An action is reachable from any page's path, not only through proxy.ts's check of /setup.
    await refuseForeignHost();
    const input = { name: form.get('name'), password: form.get('password'), ...(await requestMeta()) };
    const { session } = await runCommand('user.setup', setupActor, input);
    // After the commit: the cookie is the browser's, not part of the transaction.
    await setSessionCookie(session.secret, session.expiresAt);
  }, labels);
  if (state.ok) redirect('/');
  return state;
}
