// What an OpenID Connect account is here, from its claims: pure.
import type { Role } from '../roles';

export interface RoleMapping {
  claim: string;
  admin: string[];
  editor: string[];
  viewer: string[];
  /** The role of an account with none of the values; null refuses it. */
  otherwise: Role | null;
}

/** A claim's value by a dotted path (realm_access.roles), as a list of strings: a string, or the strings of an array. */
export function claimValues(claims: Record<string, unknown>, path: string): string[] {
  let v: unknown = claims;
  for (const part of path.split('.')) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
  if (typeof v === 'string') return [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** The role the claims map to, the highest that matches; null when none does and the default refuses. */
export function roleFromClaims(claims: Record<string, unknown>, m: RoleMapping): Role | null {
  const have = new Set(claimValues(claims, m.claim));
  for (const role of ['admin', 'editor', 'viewer'] as const) if (m[role].some((v) => have.has(v))) return role;
  return m.otherwise;
}

const MAX = 64;

/** A user name from the account's own: preferred_username, else email, else sub, in the characters names allow. */
export function nameFromClaims(claims: Record<string, unknown>): string {
  const pick = [claims.preferred_username, claims.email, claims.sub].find((v): v is string => typeof v === 'string' && v.trim() !== '') ?? 'sso-user';
  const clean = pick.trim().replace(/[^A-Za-z0-9_.@-]+/g, '_').slice(0, MAX);
  return clean.length >= 2 ? clean : `sso-${clean}`;
}

/** The name to use when `name` belongs to another account: the name and a part of the subject's digest. */
export const nameBeside = (name: string, digest: string) => `${name.slice(0, MAX - 9)}-${digest.slice(0, 8)}`;
