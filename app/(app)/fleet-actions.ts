'use server';
import { uiCommand } from '@/lib/commands';
import type { FormState } from '@/lib/forms';

/** First-run help: a fresh ingest token to paste into the agent command. Shown once. */
export async function createAgentTokenAction(_prev: FormState & { token?: string }, form: FormData): Promise<FormState & { token?: string }> {
  let token: string | undefined;
  const name = String(form.get('name') ?? '').trim() || `agent ${new Date().toISOString().slice(0, 16)}`;
  const state = await uiCommand('token.create', { name, scope: 'ingest' }, {
    done: (t) => { token = t.token; return 'token created: it is shown only now'; },
  });
  return { ...state, token };
}
