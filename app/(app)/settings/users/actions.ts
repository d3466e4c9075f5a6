'use server';
import { passwordLabels, userLabels } from '@/components/settings/fields';
import { uiCommand } from '@/lib/commands';
import type { FormState } from '@/lib/forms';

export async function addUserAction(_prev: FormState, form: FormData): Promise<FormState> {
  const input = { name: form.get('name'), role: form.get('role'), password: form.get('password') };
  return uiCommand('user.create', input, { labels: userLabels, revalidate: '/settings/users', done: 'user added' });
}

export async function setRoleAction(_prev: FormState, form: FormData): Promise<FormState> {
  return uiCommand('user.role', { id: String(form.get('id') ?? ''), role: form.get('role') }, { revalidate: '/settings/users' });
}

export async function disableUserAction(_prev: FormState, form: FormData): Promise<FormState> {
  return uiCommand('user.disable', { id: String(form.get('id') ?? '') }, { revalidate: '/settings/users' });
}

export async function unlockUserAction(_prev: FormState, form: FormData): Promise<FormState> {
  return uiCommand('user.unlock', { user: String(form.get('id') ?? '') }, { revalidate: '/settings/users', done: (u) => `${u.name} may sign in again at once` });
}

export async function enableUserAction(_prev: FormState, form: FormData): Promise<FormState> {
  return uiCommand('user.enable', { user: String(form.get('id') ?? '') }, { revalidate: '/settings/users' });
}

export async function resetPasswordAction(_prev: FormState, form: FormData): Promise<FormState> {
  const input = { user: String(form.get('id') ?? ''), password: form.get('password') };
  return uiCommand('user.resetPassword', input, { labels: passwordLabels, revalidate: '/settings/users', done: (u) => `password set; ${u.name} is signed out everywhere` });
}

export async function changePasswordAction(_prev: FormState, form: FormData): Promise<FormState> {
  if (form.get('password') !== form.get('confirm')) return { ok: false, message: 'the new passwords differ', fieldErrors: { confirm: 'differs' } };
  const input = { current: form.get('current'), password: form.get('password') };
  return uiCommand('user.password', input, { labels: passwordLabels, done: (u) => `password changed; ${u.sessions} other sessions ended` });
}
