'use server';
import { db } from '@/lib/server/db/client';
import { requireRole } from '@/lib/access';
import { audit } from '@/lib/server/audit';
import { formAction, type FormState } from '@/lib/forms';
import { createToken } from '@/lib/access';

/** First-run help: a fresh ingest token to paste into the agent command. Shown once. */
export async function createAgentTokenAction(_prev: FormState & { token?: string }, form: FormData): Promise<FormState & { token?: string }> {
  let token: string | undefined;
  const state = await formAction(async () => {
    const user = await requireRole('admin');
    const name = String(form.get('name') ?? '').trim() || `agent ${new Date().toISOString().slice(0, 16)}`;
    const created = await createToken(db(), { name, scope: 'ingest' });
    token = created.token;
    await audit(db(), `user:${user.name}`, 'token.create', `token:${created.id}`, { name, scope: 'ingest' });
    return 'token created: it is shown only now';
  });
  return { ...state, token };
}
