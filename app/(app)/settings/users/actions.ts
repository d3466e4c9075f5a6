'use server';
import { revalidatePath } from 'next/cache';
import { requireRole } from '@/lib/access';
import { db } from '@/lib/server/db/client';
import { userLabels } from '@/components/settings/fields';
import { formAction, parseForm, type FormState } from '@/lib/forms';
import { createUser, disableUser, newUserInput, setUserRole } from '@/lib/access';

export async function addUserAction(_prev: FormState, form: FormData): Promise<FormState> {
  return formAction(async () => {
    const admin = await requireRole('admin');
    const input = parseForm(newUserInput, { name: form.get('name'), role: form.get('role'), password: form.get('password') }, userLabels);
    await createUser(db(), input, `user:${admin.name}`);
    revalidatePath('/settings/users');
    return 'user added';
  }, userLabels);
}

export async function setRoleAction(_prev: FormState, form: FormData): Promise<FormState> {
  return formAction(async () => {
    const admin = await requireRole('admin');
    await setUserRole(db(), String(form.get('id') ?? ''), form.get('role'), `user:${admin.name}`);
    revalidatePath('/settings/users');
  });
}

export async function disableUserAction(_prev: FormState, form: FormData): Promise<FormState> {
  return formAction(async () => {
    const admin = await requireRole('admin');
    await disableUser(db(), String(form.get('id') ?? ''), `user:${admin.name}`);
    revalidatePath('/settings/users');
  });
}
