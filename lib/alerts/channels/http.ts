import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { checkedLookup, refusal, RefusedDestination, type AllowList } from './destination';

/**
 * POSTs JSON and returns "HTTP <status>", throwing on anything but 2xx so the
 * outbox retries. Connects only to addresses the destination check allows,
 * follows no redirect, and never keeps the receiver's reply: the delivery log
 * is readable by every viewer, and an internal service's error text is not
 * theirs to read. Credentials in the address (https://user:pass@host/…) go as
 * HTTP Basic authentication.
 */
export function postJson(url: string, body: string, allow: AllowList, headers: Record<string, string> = {}, timeoutMs = 10_000): Promise<string> {
  const target = new URL(url);
  const auth: Record<string, string> = {};
  if (target.username || target.password) {
    // A bare % (a password like 50%off typed unescaped) is taken as it stands.
    const decode = (v: string) => { try { return decodeURIComponent(v); } catch { return v; } };
    auth.authorization = `Basic ${Buffer.from(`${decode(target.username)}:${decode(target.password)}`).toString('base64')}`;
  }
  const client = target.protocol === 'https:' ? https : http;
  const hostname = target.hostname.replace(/^\[|\]$/g, '');
  // An address in the URL is connected to without a lookup: checked here instead.
  const why = isIP(hostname) ? refusal(hostname, hostname, allow) : null;
  if (why) return Promise.reject(new RefusedDestination(why));
  return new Promise((resolve, reject) => {
    const req = client.request({
      method: 'POST',
      protocol: target.protocol,
      hostname,
      port: target.port || undefined,
      path: `${target.pathname}${target.search}`,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'Headroom', ...auth, ...headers },
      lookup: checkedLookup(allow) as unknown as typeof import('node:dns').lookup,
      timeout: timeoutMs,
    }, (res) => {
      res.resume(); // read and drop: the reply's text is never stored
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) resolve(`HTTP ${status}`);
        else reject(Object.assign(new Error(`HTTP ${status}`), { status }));
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
    req.on('error', reject);
    req.end(body);
  });
}
