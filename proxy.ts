// Security headers for every page, with a per-request nonce so the Content
// Security Policy needs no 'unsafe-inline' for scripts: Next.js puts the nonce
// on its own scripts when it finds it in the request's CSP header. Setup and
// sign-in answer only this server's own names (lib/server/allowed-host.ts).
import { NextResponse, type NextRequest } from 'next/server';
import { hostRefusal } from '@/lib/server/allowed-host';

/** Pages a visitor reaches without a session: refused under a Host name this server does not answer to. */
const open = new Set(['/setup', '/login', '/auth/oidc/start', '/auth/oidc/callback']);
// So is every form post: Next.js runs a server action posted to any page, forwarding it to
// the page that owns it under the loopback Host its own request sends.
const guarded = (req: NextRequest) => req.method === 'POST' || open.has(req.nextUrl.pathname);

export function proxy(req: NextRequest): NextResponse {
  const refusal = guarded(req) ? hostRefusal(req.headers.get('host')) : null;
  if (refusal) return new NextResponse(`Refused: ${refusal}.\n`, { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  const nonce = btoa(crypto.randomUUID());
  const dev = process.env.NODE_ENV === 'development';
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'", // React style attributes (charts, bars) are inline styles, not scripts
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  const requestHeaders = new Headers(req.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('content-security-policy', csp);
  const res = NextResponse.next({ request: { headers: requestHeaders } });
  res.headers.set('content-security-policy', csp);
  return res;
}

export const config = {
  // Pages only: API answers are JSON (their headers come from next.config.js).
  matcher: [{ source: '/((?!api/|_next/static|_next/image|favicon.ico).*)' }],
};
