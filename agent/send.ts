export type SendOutcome =
  | { kind: 'delivered' }
  /** The server refused this report itself: resending it cannot help. */
  | { kind: 'rejected'; message: string }
  /** The server or the way to it is unwell, or refuses our credentials: keep the report and retry later. */
  | { kind: 'retry'; message: string };

// Auth and routing failures (401/403/404) are operator mistakes fixed on the server side;
// the reports stay spooled (within its cap) until then instead of being thrown away.
const retryable = new Set([401, 403, 404, 408, 425, 429]);

/** POSTs one report body, already serialized. */
export async function sendReport(server: string, token: string, body: string, timeoutMs = 10_000): Promise<SendOutcome> {
  try {
    const res = await fetch(`${server}/api/v1/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (res.ok) {
      await res.body?.cancel();
      return { kind: 'delivered' };
    }
    const text = (await res.text().catch(() => '')).replace(/\s+/g, ' ').slice(0, 300);
    const message = `HTTP ${res.status} ${text}`;
    return res.status >= 500 || retryable.has(res.status) ? { kind: 'retry', message } : { kind: 'rejected', message };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    return { kind: 'retry', message: e.cause?.code ?? e.cause?.message ?? e.message };
  }
}
