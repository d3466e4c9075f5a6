// API tokens: 256-bit random secrets shown once; only their SHA-256 is stored.
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';

// ingest: agents report; read: the JSON API; admin: read plus changing rules, channels, silences, alerts.
export const tokenScope = z.enum(['ingest', 'read', 'admin'], { error: 'must be ingest, read or admin' });
export type TokenScope = z.infer<typeof tokenScope>;

const pattern = /^hr_(ingest|read|admin)_[A-Za-z0-9_-]{43}$/;

export function newSecret(scope: TokenScope): string {
  return `hr_${scope}_${randomBytes(32).toString('base64url')}`;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function looksLikeToken(secret: string): boolean {
  return pattern.test(secret);
}

/** What lists show of a token: enough to recognise it, never enough to use it. */
export function displayPrefix(secret: string): string {
  return secret.slice(0, secret.indexOf('_', 3) + 5);
}
