import 'server-only';
import { listTokens } from '../access';
import { enrolledHosts, type EnrolledHosts } from '../hosts';
import { db } from '../server/db/client';
import { env } from '../server/env';
import { AppError } from '../server/errors';
import type { Viewer } from './viewer';

type Param = string | string[] | undefined;
const first = (v: Param) => (Array.isArray(v) ? v[0] : v);

/** The windows "remove the hosts it enrolled" offers, seconds (0: any time). */
export const removalWindows = [{ seconds: 3600, label: 'in the last hour' }, { seconds: 86400, label: 'in the last 24 hours' },
  { seconds: 7 * 86400, label: 'in the last 7 days' }, { seconds: 0, label: 'at any time' }] as const;

export interface RemovalPreview extends EnrolledHosts { after: Date | null; before: Date; window: string }

/** What the page's ?remove=<token id>&within=<seconds> asks to remove, read at `now`; null when it names nothing. */
async function removalPreview(remove: Param, within: Param, now: Date): Promise<RemovalPreview | null> {
  const w = removalWindows.find((x) => String(x.seconds) === first(within)) ?? removalWindows[0];
  remove = first(remove);
  if (!remove) return null;
  const after = w.seconds ? new Date(now.getTime() - w.seconds * 1000) : null;
  // A link naming no ingest token (a stale or edited one) shows no preview; a database error is still an error.
  const found = await enrolledHosts(db(), { from: remove, after, before: now }).catch((err: unknown) => { if (err instanceof AppError) return null; throw err; });
  return found && { ...found, after, before: now, window: w.label };
}

/** The API tokens page: every token, revoked ones included; null tokens for anyone but an admin. */
export async function tokensPage(viewer: Viewer, now = new Date(), ask: { remove?: Param; within?: Param } = {}) {
  const admin = viewer.role === 'admin';
  return {
    now, tokens: admin ? await listTokens(db(), now) : null, defaultHostLimit: env().HEADROOM_TOKEN_HOST_LIMIT,
    removal: admin ? await removalPreview(ask.remove, ask.within, now) : null,
  };
}

export type TokensView = Awaited<ReturnType<typeof tokensPage>>;
export type TokenRow = NonNullable<TokensView['tokens']>[number];
