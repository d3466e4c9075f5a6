import { redactUrl } from '../../protocol';

/**
 * POSTs JSON and returns "HTTP <status>", throwing on anything but 2xx so the
 * outbox retries. Credentials in the address (https://user:pass@host/…) go as
 * HTTP Basic authentication, since fetch refuses such URLs outright. Errors
 * never carry the address: it is the channel's secret, and they are stored in
 * the delivery log that every viewer can read.
 */
export async function postJson(url: string, body: string, headers: Record<string, string> = {}, timeoutMs = 10_000): Promise<string> {
  const target = new URL(url);
  const auth: Record<string, string> = {};
  if (target.username || target.password) {
    // A bare % (a password like 50%off typed unescaped) is taken as it stands.
    const decode = (v: string) => { try { return decodeURIComponent(v); } catch { return v; } };
    const pair = `${decode(target.username)}:${decode(target.password)}`;
    auth.authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
    target.username = '';
    target.password = '';
  }
  let res: Response;
  try {
    res = await fetch(target, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Headroom', ...auth, ...headers },
      body,
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    const text = `${(err as Error).message}${cause ? ` (${cause})` : ''}`;
    throw new Error([url, target.href].reduce((t, u) => t.replaceAll(u, redactUrl(u)), text));
  }
  const text = (await res.text().catch(() => '')).replace(/\s+/g, ' ').slice(0, 200);
  if (!res.ok) throw new Error(`HTTP ${res.status}${text ? `: ${text}` : ''}`);
  return `HTTP ${res.status}`;
}
