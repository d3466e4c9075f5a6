export type SendOutcome =
  | { kind: 'delivered' }
  /** The server refused this report itself: resending it cannot help. */
  | { kind: 'rejected'; message: string }
  /**
   * The server or the way to it is unwell, or refuses our credentials: keep
   * the report and retry later. `throttled`: the server is well and asks for
   * a pause (429 with Retry-After, in ms), which is not an outage.
   */
  | { kind: 'retry'; message: string; throttled?: number };

// Only the Headroom server's own verdict on the report itself drops it: any
// other refusal (a wrong token, a proxy's 400 or 404, a redirect) is a mistake
// fixed on the way to the server, and the reports stay spooled (within its cap)
// until then instead of being thrown away, the whole backlog in one flush.
const refusals = new Set(['invalid_json', 'invalid_report', 'payload_too_large', 'unsupported_media_type']);

function refusedByServer(status: number, text: string): boolean {
  // Too large is a verdict on this body whoever gives it (a proxy's
  // client_max_body_size too): resending the same bytes cannot pass.
  if (status === 413) return true;
  if (status < 400 || status >= 500) return false;
  try {
    const code = (JSON.parse(text) as { error?: { code?: unknown } } | null)?.error?.code;
    return typeof code === 'string' && refusals.has(code);
  } catch {
    return false;
  }
}

/** Retry-After in seconds (the server's form), capped at 5 minutes; 1 s when absent or unreadable. */
function retryAfterMs(header: string | null): number {
  const s = header === null || header.trim() === '' ? NaN : Number(header);
  return Number.isFinite(s) && s >= 0 ? Math.min(s, 300) * 1000 : 1000;
}

/** POSTs one report body, already serialized. */
export async function sendReport(server: string, token: string, body: string, timeoutMs = 10_000): Promise<SendOutcome> {
  try {
    const res = await fetch(`${server}/api/v1/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
      // A redirect turns the POST into a GET on the way (301/302): say where it points instead.
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (res.ok) {
      await res.body?.cancel();
      return { kind: 'delivered' };
    }
    const text = await res.text().catch(() => '');
    if (res.status >= 300 && res.status < 400) {
      return { kind: 'retry', message: `HTTP ${res.status}: the server redirects to ${res.headers.get('location') ?? '(no location)'}; give that address as --server` };
    }
    const message = `HTTP ${res.status} ${text.replace(/\s+/g, ' ').slice(0, 300)}`;
    if (res.status === 429) return { kind: 'retry', message, throttled: retryAfterMs(res.headers.get('retry-after')) };
    return refusedByServer(res.status, text) ? { kind: 'rejected', message } : { kind: 'retry', message };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    return { kind: 'retry', message: e.cause?.code ?? e.cause?.message ?? e.message };
  }
}
