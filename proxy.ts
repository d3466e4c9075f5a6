// Security headers for every page, with a per-request nonce so the Content
// Security Policy needs no 'unsafe-inline' for scripts: Next.js puts the nonce
// on its own scripts when it finds it in the request's CSP header.
import { NextResponse, type NextRequest } from 'next/server';

export function proxy(req: NextRequest): NextResponse {
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
