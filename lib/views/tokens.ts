import 'server-only';
import { env } from '../server/env';
import { listTokens } from '../access';
import { db } from '../server/db/client';
import type { Viewer } from './viewer';

/** The API tokens page: every token, revoked ones included; null tokens for anyone but an admin. */
export async function tokensPage(viewer: Viewer, now = new Date()) {
  return { now, tokens: viewer.role === 'admin' ? await listTokens(db(), now) : null, defaultHostLimit: env().HEADROOM_TOKEN_HOST_LIMIT };
}

export type TokensView = Awaited<ReturnType<typeof tokensPage>>;
export type TokenRow = NonNullable<TokensView['tokens']>[number];
