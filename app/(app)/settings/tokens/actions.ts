'use server';
import { tokenLabels } from '@/components/settings/fields';
import { describePolicy } from '@/lib/access';
import { uiCommand } from '@/lib/commands';
import type { FormState } from '@/lib/forms';

export async function createTokenAction(_prev: FormState & { token?: string }, form: FormData): Promise<FormState & { token?: string }> {
  let token: string | undefined;
  const input = { name: form.get('name'), scope: form.get('scope'), hostName: form.get('hostName') ?? '', maxHosts: form.get('maxHosts') ?? '', agentLabels: form.get('agentLabels') ?? '', expires: form.get('expires') ?? '' };
  const state = await uiCommand('token.create', input, {
    labels: tokenLabels, revalidate: '/settings/tokens',
    done: (t) => { token = t.token; return 'created: copy it now, it is not shown again'; },
  });
  return { ...state, token };
}

export async function revokeTokenAction(_prev: FormState, form: FormData): Promise<FormState> {
  return uiCommand('token.revoke', { token: String(form.get('id') ?? '') }, { revalidate: '/settings/tokens' });
}

export async function setHostLimitAction(_prev: FormState, form: FormData): Promise<FormState> {
  return uiCommand('token.limit', { token: String(form.get('id') ?? ''), maxHosts: form.get('maxHosts') ?? '' }, {
    labels: tokenLabels, revalidate: '/settings/tokens', done: (t) => (t.maxHosts === null ? 'no limit' : `at most ${t.maxHosts}`),
  });
}

export async function setAgentLabelsAction(_prev: FormState, form: FormData): Promise<FormState> {
  return uiCommand('token.labels', { token: String(form.get('id') ?? ''), agentLabels: String(form.get('agentLabels') ?? '') }, {
    labels: tokenLabels, revalidate: '/settings/tokens', done: (t) => `agent labels: ${describePolicy(t.agentLabels)}`,
  });
}

export async function removeEnrolledAction(_prev: FormState, form: FormData): Promise<FormState> {
  const input = { from: String(form.get('from') ?? ''), after: String(form.get('after') ?? '') || null, before: String(form.get('before') ?? '') };
  return uiCommand('host.removeEnrolled', input, {
    revalidate: '/settings/tokens', done: (r) => `removed ${r.hosts.length} host${r.hosts.length === 1 ? '' : 's'} of token "${r.token.name}"`,
  });
}
