export type SendOutcome =
  | { kind: 'delivered' }
  /** The server refused this report itself: resending it cannot help. */
  | { kind: 'rejected'; message: string }
  /**
   * The server or the way to it is unwell, or refuses our credentials: keep
   * the report and retry later. `throttled`: the server is well and asks for
   * a pause (429 with Retry-After, in ms), which is not an outage.
   * `notHeadroom`: what answered is not a Headroom server (a 200 without the
   * receipt, a page that is not Headroom's JSON error).
   */
  | { kind: 'retry'; message: string; throttled?: number; notHeadroom?: true };

// Only the Headroom server's own verdict on the report itself drops it: any
// other refusal (a wrong token, a proxy's 400 or 404, a redirect) is a mistake
// fixed on the way to the server, and the reports stay spooled (within its cap)
// until then instead of being thrown away, the whole backlog in one flush.
const refusals = new Set(['invalid_json', 'invalid_report', 'payload_too_large', 'unsupported_media_type']);

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Headroom's error body (lib/protocol/api.ts apiError): `{ error: { code, message } }`. */
export function headroomErrorCode(text: string): string | null {
  const e = (parse(text) as { error?: unknown } | null)?.error;
  return isRecord(e) && typeof e.code === 'string' && typeof e.message === 'string' ? e.code : null;
}

/** Headroom's receipt for this very report (lib/protocol/api.ts ingestAccepted). */
export function isReceipt(text: string, reportId: string | null): boolean {
  const r = parse(text);
  return reportId !== null && isRecord(r) && r.reportId === reportId && typeof r.hostId === 'string' && typeof r.duplicate === 'boolean';
}

/** The id the agent wrote second in every report it spooled (collect puts protocolVersion first). */
export function reportIdOf(body: string): string | null {
  return /"reportId":"([^"\\]{1,64})"/.exec(body.slice(0, 200))?.[1] ?? null;
}

/** Retry-After in seconds (the server's form), capped at 5 minutes; 1 s when absent or unreadable. */
function retryAfterMs(header: string | null): number {
  const s = header === null || header.trim() === '' ? NaN : Number(header);
  return Number.isFinite(s) && s >= 0 ? Math.min(s, 300) * 1000 : 1000;
}

/**
 * POSTs one report body, already serialized. It counts as delivered only on
 * Headroom's 202 receipt naming its id: any other 2xx (a server that answers
 * 200 to everything) keeps it spooled.
 */
export async function sendReport(server: string, token: string, body: string, timeoutMs = 10_000): Promise<SendOutcome> {
  const url = `${server}/api/v1/reports`;
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
      // A redirect turns the POST into a GET on the way (301/302): say where it points instead.
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text().catch(() => '');
    // Whatever answered may echo the request back: its answer is logged without the token.
    const shown = `HTTP ${res.status} ${text.replace(/\s+/g, ' ').slice(0, 300)}`.trim();
    const answer = token ? shown.split(token).join('[token]') : shown;
    if (res.status === 202 && isReceipt(text, reportIdOf(body))) return { kind: 'delivered' };
    const notHeadroom = (why: string) => ({
      kind: 'retry' as const,
      notHeadroom: true as const,
      message: `this is not a Headroom server: POST ${url} answered ${answer} (${why}). `
        + 'Reports stay spooled. Check --server; that server has seen the token: revoke it if the server is not yours',
    });
    if (res.ok) return notHeadroom("not Headroom's receipt for the report");
    if (res.status >= 300 && res.status < 400) {
      return { kind: 'retry', message: `HTTP ${res.status}: the server redirects to ${res.headers.get('location') ?? '(no location)'}; give that address as --server` };
    }
    // Too large is a verdict on this body whoever gives it (a proxy's
    // client_max_body_size too): resending the same bytes cannot pass.
    if (res.status === 413) return { kind: 'rejected', message: answer };
    if (res.status === 429) return { kind: 'retry', message: answer, throttled: retryAfterMs(res.headers.get('retry-after')) };
    if (res.status >= 500) return { kind: 'retry', message: answer };
    const code = headroomErrorCode(text);
    if (code === null) return notHeadroom("not Headroom's JSON error");
    return refusals.has(code) ? { kind: 'rejected', message: answer } : { kind: 'retry', message: answer };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    return { kind: 'retry', message: e.cause?.code ?? e.cause?.message ?? e.message };
  }
}
