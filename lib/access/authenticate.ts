import 'server-only';
import type { Db } from '../server/db/client';
import { perClient } from '../server/db/per-client';
import { AppError } from '../server/errors';
import { policyOf, type AgentLabelPolicy } from './agent-labels';
import { hashSecret, looksLikeToken, type TokenScope } from './tokens';

export interface Principal {
  tokenId: string; name: string; scope: TokenScope; hostName: string | null; maxHosts?: number | null;
  /** What its agents' labels do; absent: kept (the "any" policy). */
  agentLabels?: AgentLabelPolicy;
}

// last_used_at is written at most once a minute per token: not a write per report.
const TOUCH_EVERY_MS = 60_000;
// A valid token is looked up again after this long: 10,000 agents would
// otherwise cost a query per report. A revocation takes effect at once on the
// replica that made it and within this time on the others.
export const TOKEN_CACHE_MS = 5_000;
const CACHE_MAX = 50_000;

interface Cached {
  row: {
    id: string; name: string; scope: string; hostName: string | null; maxHosts: number | null; agentLabels: AgentLabelPolicy;
    lastUsedAt: Date | null; expiresAt: Date | null;
  };
  until: number;
}

const cacheOf = perClient('tokens', () => new Map<string, Cached>());

/** Forgets cached tokens (after a revocation). */
export function forgetTokens(db: Db): void {
  cacheOf(db).clear();
}

async function lookup(db: Db, hash: string, now: number): Promise<Cached['row']> {
  const cache = cacheOf(db);
  const hit = cache.get(hash);
  // Expiry is checked on every use, cached or not: a cached token must not outlive it.
  if (hit && hit.until > now) return unexpired(hit.row, now);
  const row = await db.apiToken.findUnique({ where: { hash }, include: { createdBy: { select: { disabledAt: true } } } });
  if (!row || row.revokedAt || row.createdBy?.disabledAt) {
    cache.delete(hash);
    throw new AppError('unauthorized', !row ? 'invalid token' : row.revokedAt ? 'token revoked' : 'the user who created this token is disabled');
  }
  if (cache.size >= CACHE_MAX) cache.clear();
  const { id, name, scope, hostName, maxHosts, lastUsedAt, expiresAt } = row;
  const cached = { row: { id, name, scope, hostName, maxHosts, agentLabels: policyOf(row), lastUsedAt, expiresAt }, until: now + TOKEN_CACHE_MS };
  cache.set(hash, cached);
  return unexpired(cached.row, now);
}

function unexpired(row: Cached['row'], now: number): Cached['row'] {
  if (row.expiresAt && row.expiresAt.getTime() <= now) throw new AppError('unauthorized', 'token expired');
  return row;
}

/** The token row of `Authorization: Bearer <token>`, whatever its scope; nothing is written. */
async function bearer(db: Db, authorization: string | null, now: Date): Promise<Cached['row']> {
  if (!authorization) throw new AppError('unauthorized', 'missing Authorization header: send "Authorization: Bearer <token>"');
  const m = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!m) throw new AppError('unauthorized', 'malformed Authorization header: expected "Bearer <token>"');
  const secret = m[1]!;
  if (!looksLikeToken(secret)) throw new AppError('unauthorized', 'invalid token');
  return lookup(db, hashSecret(secret), now.getTime());
}

async function touch(db: Db, row: Cached['row'], now: Date): Promise<void> {
  if (row.lastUsedAt && now.getTime() - row.lastUsedAt.getTime() <= TOUCH_EVERY_MS) return;
  row.lastUsedAt = now;
  await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
}

const principalOf = (row: Cached['row']): Principal =>
  ({ tokenId: row.id, name: row.name, scope: row.scope as TokenScope, hostName: row.hostName, maxHosts: row.maxHosts, agentLabels: row.agentLabels });

/** Checks `Authorization: Bearer <token>` for the scope a route needs. */
export async function authenticate(db: Db, authorization: string | null, scope: TokenScope, now = new Date()): Promise<Principal> {
  const row = await bearer(db, authorization, now);
  // An admin token also reads; nothing else stands in for another scope.
  const allowed = row.scope === scope || (scope === 'read' && row.scope === 'admin');
  if (!allowed) throw new AppError('forbidden', `this is a ${row.scope} token; this route needs a ${scope} token`);
  await touch(db, row, now);
  return principalOf(row);
}

/**
 * Who a Bearer token is, whatever its scope, for a command whose permission
 * decides: `used` records the use (last_used_at) once the command is allowed,
 * so a refused call writes nothing.
 */
export async function identifyToken(db: Db, authorization: string | null, now = new Date()): Promise<{ principal: Principal; used(): Promise<void> }> {
  const row = await bearer(db, authorization, now);
  return { principal: principalOf(row), used: () => touch(db, row, now) };
}
