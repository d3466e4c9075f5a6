import 'server-only';
// The authorization code flow with PKCE, through openid-client: the way out
// to the provider, and the way back with a code to trade for an ID token.
import * as client from 'openid-client';
import { env, type Env } from '../../server/env';
import { AppError } from '../../server/errors';
import { role as roleSchema } from '../roles';
import type { RoleMapping } from './claims';

export interface OidcSettings {
  issuer: URL; clientId: string; clientSecret: string | undefined; name: string; scopes: string;
  mapping: RoleMapping; only: boolean;
}

const list = (text: string) => text.split(',').map((v) => v.trim()).filter(Boolean);

/** The provider as the environment configures it, or null (local accounts only). */
export function oidcSettings(e: Env = env()): OidcSettings | null {
  if (!e.HEADROOM_OIDC_ISSUER || !e.HEADROOM_OIDC_CLIENT_ID) return null;
  const viewer = list(e.HEADROOM_OIDC_VIEWER_VALUES);
  const fallback = e.HEADROOM_OIDC_DEFAULT_ROLE ?? (viewer.length === 0 ? 'viewer' : 'none');
  return {
    issuer: new URL(e.HEADROOM_OIDC_ISSUER), clientId: e.HEADROOM_OIDC_CLIENT_ID, clientSecret: e.HEADROOM_OIDC_CLIENT_SECRET,
    name: e.HEADROOM_OIDC_NAME, scopes: e.HEADROOM_OIDC_SCOPES, only: e.HEADROOM_OIDC_ONLY,
    mapping: { claim: e.HEADROOM_OIDC_ROLE_CLAIM, admin: list(e.HEADROOM_OIDC_ADMIN_VALUES), editor: list(e.HEADROOM_OIDC_EDITOR_VALUES), viewer, otherwise: fallback === 'none' ? null : roleSchema.parse(fallback) },
  };
}

// Discovery is cached for ten minutes; a failed one is not, so a provider that was down is asked again.
const DISCOVERY_MS = 10 * 60_000;
let discovered: { key: string; at: number; config: client.Configuration } | undefined;

async function configuration(s: OidcSettings): Promise<client.Configuration> {
  const key = `${s.issuer.href} ${s.clientId}`;
  if (discovered?.key === key && Date.now() - discovered.at < DISCOVERY_MS) return discovered.config;
  // An http issuer is the admin's own choice (a provider on a private network); the library refuses it otherwise.
  const insecure = s.issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : undefined;
  const auth = s.clientSecret ? client.ClientSecretBasic(s.clientSecret) : client.None();
  const config = await client.discovery(s.issuer, s.clientId, s.clientSecret, auth, { ...insecure, timeout: 10 }).catch((err: Error) => {
    throw new AppError('internal', `the provider at ${s.issuer.origin} could not be reached or described itself wrongly (${err.message})`);
  });
  discovered = { key, at: Date.now(), config };
  return config;
}

export const OIDC_COOKIE = 'headroom_oidc';
export const callbackPath = '/auth/oidc/callback';

/** What the browser keeps between leaving for the provider and coming back: the PKCE verifier, state and nonce, and where to go after. */
interface Pending { verifier: string; state: string; nonce: string; next: string }
const encode = (p: Pending) => Buffer.from(JSON.stringify(p)).toString('base64url');
function decode(text: string | undefined): Pending | null {
  try {
    const p = JSON.parse(Buffer.from(text ?? '', 'base64url').toString()) as Pending;
    return typeof p.verifier === 'string' && typeof p.state === 'string' && typeof p.nonce === 'string' && typeof p.next === 'string' ? p : null;
  } catch {
    return null;
  }
}

/** Where to send the browser to sign in, and the cookie it carries there and back. */
export async function beginSignIn(s: OidcSettings, publicUrl: string, next: string): Promise<{ url: URL; cookie: string }> {
  const config = await configuration(s);
  const pending: Pending = { verifier: client.randomPKCECodeVerifier(), state: client.randomState(), nonce: client.randomNonce(), next };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: `${publicUrl}${callbackPath}`, scope: s.scopes, state: pending.state, nonce: pending.nonce,
    code_challenge: await client.calculatePKCECodeChallenge(pending.verifier), code_challenge_method: 'S256',
  });
  return { url, cookie: encode(pending) };
}

/** The provider's answer traded for the account's claims: the ID token's, and userinfo's beside them. */
export async function finishSignIn(s: OidcSettings, callbackUrl: URL, cookie: string | undefined): Promise<{ subject: string; claims: Record<string, unknown>; next: string }> {
  const denied = callbackUrl.searchParams.get('error');
  if (denied) throw new AppError('unauthorized', `${s.name} did not sign you in: ${callbackUrl.searchParams.get('error_description') ?? denied}`);
  const pending = decode(cookie);
  if (!pending) throw new AppError('unauthorized', 'the sign-in started in another browser, or took longer than 10 minutes: try again');
  const config = await configuration(s);
  const tokens = await client.authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: pending.verifier, expectedState: pending.state, expectedNonce: pending.nonce, idTokenExpected: true })
    .catch((err: Error) => { throw new AppError('unauthorized', `${s.name} did not complete the sign-in (${err.message})`); });
  const idClaims = tokens.claims()!;
  let claims: Record<string, unknown> = { ...idClaims };
  // Most providers send the profile and groups from userinfo, not in the ID token.
  if (tokens.access_token && config.serverMetadata().userinfo_endpoint) {
    const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub).catch(() => null);
    if (info) claims = { ...info, ...claims };
  }
  return { subject: `${idClaims.iss} ${idClaims.sub}`, claims, next: pending.next };
}
