'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { tokenLabels } from '@/components/settings/fields';
import { db } from '@/lib/server/db/client';
import { AppError, isId } from '@/lib/server/errors';
import { requireRole } from '@/lib/access';
import { audit } from '@/lib/server/audit';
import { formAction, parseForm, type FormState } from '@/lib/forms';
import { createToken } from '@/lib/access';
import { revokeToken } from '@/lib/access';
import { hostLimit, setTokenHostLimit } from '@/lib/access';
import { tokenScope } from '@/lib/access';

const input = z.object({
  name: z.string().trim().min(1).max(100),
  scope: tokenScope,
  hostName: z.string().trim().max(253).transform((v) => v || null),
  maxHosts: hostLimit,
}).refine((t) => !t.hostName || t.scope === 'ingest', { message: 'only ingest tokens are bound to a host', path: ['hostName'] })
  .refine((t) => t.maxHosts === null || t.scope === 'ingest', { message: 'only ingest tokens enrol hosts', path: ['maxHosts'] });

export async function createTokenAction(_prev: FormState & { token?: string }, form: FormData): Promise<FormState & { token?: string }> {
  let token: string | undefined;
  const state = await formAction(async () => {
    const user = await requireRole('admin');
    const parsed = parseForm(input, { name: form.get('name'), scope: form.get('scope'), hostName: form.get('hostName') ?? '', maxHosts: form.get('maxHosts') ?? '' }, tokenLabels);
    const created = await createToken(db(), parsed);
    token = created.token;
    await audit(db(), `user:${user.name}`, 'token.create', `token:${created.id}`, { name: created.name, scope: created.scope, hostName: created.hostName, maxHosts: created.maxHosts });
    revalidatePath('/settings/tokens');
    return 'created: copy it now, it is not shown again';
  }, tokenLabels);
  return { ...state, token };
}

export async function revokeTokenAction(_prev: FormState, form: FormData): Promise<FormState> {
  return formAction(async () => {
    const user = await requireRole('admin');
    const id = String(form.get('id') ?? '');
    if (!isId(id)) throw new AppError('not_found', 'no such token');
    const [t] = await revokeToken(db(), id);
    await audit(db(), `user:${user.name}`, 'token.revoke', `token:${t!.id}`, { name: t!.name });
    revalidatePath('/settings/tokens');
  });
}

export async function setHostLimitAction(_prev: FormState, form: FormData): Promise<FormState> {
  return formAction(async () => {
    const user = await requireRole('admin');
    const { maxHosts } = parseForm(z.object({ maxHosts: hostLimit }), { maxHosts: form.get('maxHosts') ?? '' }, tokenLabels);
    const t = await setTokenHostLimit(db(), z.string().parse(form.get('id')), maxHosts);
    await audit(db(), `user:${user.name}`, 'token.limit', `token:${t.id}`, { name: t.name, maxHosts: t.maxHosts });
    revalidatePath('/settings/tokens');
    return t.maxHosts === null ? 'no limit' : `at most ${t.maxHosts}`;
  }, tokenLabels);
}
