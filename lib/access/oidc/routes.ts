import 'server-only';
// The two pages of the provider's round trip. Each failure lands back on the
// sign-in page, saying why in words.
import { NextResponse, type NextRequest } from 'next/server';
import { db } from '../../server/db/client';
import { publicUrl } from '../../server/env';
import { AppError } from '../../server/errors';
import { cookieSecure, safeNext, setSessionCookie } from '../cookie';
import { requestMeta } from '../current-user';
import { createSession } from '../sessions';
import { roleFromClaims } from './claims';
import { ssoAccount } from './account';
import { beginSignIn, callbackPath, finishSignIn, OIDC_COOKIE, oidcSettings } from './flow';

const PENDING_SECONDS = 600;

function backToLogin(err: unknown): NextResponse {
  if (!(err instanceof AppError)) console.error('headroom: single sign-on failed', err);
  const why = err instanceof AppError ? err.message : 'single sign-on failed: the server log has the details';
  return NextResponse.redirect(new URL(`/login?sso_error=${encodeURIComponent(why)}`, publicUrl()), 303);
}

const notConfigured = () => new NextResponse('Single sign-on is not configured (HEADROOM_OIDC_ISSUER, HEADROOM_OIDC_CLIENT_ID).\n', { status: 404 });

export async function oidcStart(req: NextRequest): Promise<NextResponse> {
  const s = oidcSettings();
  if (!s) return notConfigured();
  try {
    const { url, cookie } = await beginSignIn(s, publicUrl(), safeNext(req.nextUrl.searchParams.get('next')));
    const res = NextResponse.redirect(url, 303);
    res.cookies.set(OIDC_COOKIE, cookie, { httpOnly: true, sameSite: 'lax', secure: await cookieSecure(), path: callbackPath, maxAge: PENDING_SECONDS });
    return res;
  } catch (err) {
    return backToLogin(err);
  }
}

export async function oidcCallback(req: NextRequest): Promise<NextResponse> {
  const s = oidcSettings();
  if (!s) return notConfigured();
  try {
    // The address the provider was given, with what it appended: the token request must name the same.
    const { subject, claims, next } = await finishSignIn(s, new URL(`${publicUrl()}${callbackPath}${req.nextUrl.search}`), req.cookies.get(OIDC_COOKIE)?.value);
    const role = roleFromClaims(claims, s.mapping);
    if (!role) throw new AppError('forbidden', `your ${s.name} account has no role here (${s.mapping.claim} names none Headroom maps): ask an admin`);
    const user = await ssoAccount(db(), subject, claims, role);
    const session = await createSession(db(), user.id, await requestMeta());
    await setSessionCookie(session.secret, session.expiresAt);
    const res = NextResponse.redirect(new URL(safeNext(next), publicUrl()), 303);
    res.cookies.delete({ name: OIDC_COOKIE, path: callbackPath });
    return res;
  } catch (err) {
    return backToLogin(err);
  }
}
