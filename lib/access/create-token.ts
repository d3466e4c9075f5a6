import 'server-only';
import { z } from 'zod';
import type { Tx } from '../server/db/client';
import { env } from '../server/env';
import { invalidInput } from '../server/errors';
import { agentLabelPolicy, anyAgentLabels, policyColumns, type AgentLabelPolicy } from './agent-labels';
import { displayPrefix, hashSecret, newSecret, tokenScope, type TokenScope } from './tokens';
import { tokenExpiry } from './token-expiry';
import { hostLimit } from './token-host-limit';

export const newTokenInput = z.object({
  name: z.string({ error: 'required' }).trim().min(1, 'required').max(100, 'must be at most 100 characters'),
  scope: tokenScope,
  hostName: z.string().trim().max(253, 'must be at most 253 characters').nullish().transform((v) => v || null),
  // Left out or blank: the server's default for ingest tokens (HEADROOM_TOKEN_HOST_LIMIT); "none" or null: no limit.
  maxHosts: z.preprocess((v) => (v === '' ? undefined : v), hostLimit.nullable().optional()),
  // Left out or blank: "any".
  agentLabels: z.preprocess((v) => (v === '' || v === null ? undefined : v), agentLabelPolicy.optional()).transform((p) => p ?? anyAgentLabels),
  expires: tokenExpiry,
}).refine((t) => !t.hostName || t.scope === 'ingest', { message: 'only ingest tokens are bound to a host', path: ['hostName'] })
  .refine((t) => t.maxHosts == null || t.scope === 'ingest', { message: 'only ingest tokens enrol hosts', path: ['maxHosts'] })
  .refine((t) => t.agentLabels.mode === 'any' || t.scope === 'ingest', { message: 'only ingest tokens carry agent labels', path: ['agentLabels'] });

export interface CreatedToken {
  id: string; name: string; scope: TokenScope; hostName: string | null; maxHosts: number | null; agentLabels: AgentLabelPolicy; expiresAt: Date | null; token: string;
}

/** Creates a token; the returned secret is the only copy there will ever be. */
export async function createToken(db: Tx, input: z.input<typeof newTokenInput>, createdById: string | null = null, now = new Date()): Promise<CreatedToken> {
  const parsed = newTokenInput.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  return insertToken(db, parsed.data, createdById, now);
}

/** A token from checked input; `createdById` is the dashboard user making it, whose disabling stops it. */
export async function insertToken(db: Tx, t: z.output<typeof newTokenInput>, createdById: string | null, now = new Date()): Promise<CreatedToken> {
  const { name, scope, hostName, agentLabels, expires } = t;
  const maxHosts = t.maxHosts !== undefined ? t.maxHosts : scope === 'ingest' ? env().HEADROOM_TOKEN_HOST_LIMIT : null;
  const token = newSecret(scope);
  const expiresAt = expires === null ? null : new Date(now.getTime() + expires * 1000);
  const row = await db.apiToken.create({ data: { name, scope, hash: hashSecret(token), prefix: displayPrefix(token), hostName, maxHosts, ...policyColumns(agentLabels), expiresAt, createdById, createdAt: now } });
  return { id: row.id, name: row.name, scope, hostName: row.hostName, maxHosts: row.maxHosts, agentLabels, expiresAt, token };
}
