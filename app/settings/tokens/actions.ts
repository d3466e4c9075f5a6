'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { db } from '@/lib/server/db/client';
import { AppError, zodIssues } from '@/lib/server/errors';
import { formAction, type FormState } from '@/lib/server/form';
import { createToken } from '@/lib/server/services/create-token';
import { revokeToken } from '@/lib/server/services/revoke-token';
import { tokenScope } from '@/lib/server/tokens';

const input = z.object({
  name: z.string().trim().min(1).max(100),
  scope: tokenScope,
  hostName: z.string().trim().max(253).transform((v) => v || null),
}).refine((t) => !t.hostName || t.scope === 'ingest', { message: 'only ingest tokens are bound to a host', path: ['hostName'] });

export async function createTokenAction(_prev: FormState & { token?: string }, form: FormData): Promise<FormState & { token?: string }> {
  let token: string | undefined;
  const state = await formAction(async () => {
    const parsed = input.safeParse({ name: form.get('name'), scope: form.get('scope'), hostName: form.get('hostName') ?? '' });
    if (!parsed.success) throw new AppError('bad_request', 'check the fields', zodIssues(parsed.error.issues));
    token = (await createToken(db(), parsed.data)).token;
    revalidatePath('/settings/tokens');
    return 'created: copy it now, it is not shown again';
  });
  return { ...state, token };
}

export async function revokeTokenAction(form: FormData): Promise<void> {
  await revokeToken(db(), z.string().parse(form.get('id')));
  revalidatePath('/settings/tokens');
}
