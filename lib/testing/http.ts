// Calls the real route handlers with real Request objects, as Next.js would.
import { GET as hostsGet } from '@/app/api/v1/hosts/route';
import { POST as reportsPost } from '@/app/api/v1/reports/route';

/** `from`: the client address, as bin/web.mjs writes it into X-Forwarded-For. */
export function postReport(body: unknown, token: string | null, init: { contentType?: string; raw?: string; from?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': init.contentType ?? 'application/json', 'x-forwarded-for': init.from ?? '127.0.0.1' };
  if (token) headers.authorization = `Bearer ${token}`;
  return reportsPost(new Request('http://test/api/v1/reports', { method: 'POST', headers, body: init.raw ?? JSON.stringify(body) }));
}

export function getHosts(token: string | null) {
  return hostsGet(new Request('http://test/api/v1/hosts', { headers: token ? { authorization: `Bearer ${token}` } : {} }));
}
