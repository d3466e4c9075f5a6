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

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Headroom's error body (lib/protocol/api.ts apiError): `{ error: { code, message } }`. */
export function headroomError(text: string): { code: string; message: string } | null {
  const e = (parseJson(text) as { error?: unknown } | null)?.error;
  return isRecord(e) && typeof e.code === 'string' && typeof e.message === 'string' ? { code: e.code, message: e.message } : null;
}

/** Headroom's receipt for this very report (lib/protocol/api.ts ingestAccepted). */
export function isReceipt(text: string, reportId: string | null): boolean {
  const r = parseJson(text);
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

export interface Answer { status: number; text: string; location: string | null; retryAfter: string | null; ms: number }

/** Headroom's answers are a few hundred bytes; a server that sends more is not owed the memory. */
export const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * One request to the server, the first MAX_ANSWER_BYTES of its answer read;
 * throws when nothing answers. Through node:http and node:https, loaded on
 * first use: fetch (undici) cost the agent 10 MB of memory more.
 */
export async function request(url: string, token: string | null, body: string | null, timeoutMs = 10_000, stop?: AbortSignal): Promise<Answer> {
  const started = Date.now();
  const target = new URL(url);
  const client = target.protocol === 'https:' ? await import('node:https') : await import('node:http');
  const headers: Record<string, string | number> = { ...(body === null ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }), ...(token ? { authorization: `Bearer ${token}` } : {}) };
  return new Promise((resolve, reject) => {
    // A redirect is not followed (it would turn the POST into a GET): its location is said instead.
    const req = client.request(target, { method: body === null ? 'GET' : 'POST', headers, signal: stop }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () => {
        clearTimeout(timer);
        const header = (k: string) => { const v = res.headers[k]; return typeof v === 'string' ? v : null; };
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).subarray(0, MAX_ANSWER_BYTES).toString('utf8'), location: header('location'), retryAfter: header('retry-after'), ms: Date.now() - started });
      };
      res.on('data', (c: Buffer) => {
        chunks.push(c);
        size += c.length;
        // The rest is never read: the connection is dropped.
        if (size >= MAX_ANSWER_BYTES) { res.destroy(); done(); }
      });
      res.on('end', done);
      res.on('error', done);
    });
    // The whole exchange, not each pause in it; a stopping agent (`stop`) drops it at once.
    const timer = setTimeout(() => req.destroy(Object.assign(new Error(`no answer within ${timeoutMs / 1000} s`), { code: 'ETIMEDOUT' })), timeoutMs);
    req.on('error', (err) => { clearTimeout(timer); reject(err); });
    req.end(body ?? undefined);
  });
}

/** "HTTP 200 {}", short, for a log line: whatever answered may echo the request back, so never the token. */
export function shownAnswer(a: Answer, token: string): string {
  const shown = `HTTP ${a.status} ${a.text.replace(/\s+/g, ' ').slice(0, 300)}`.trim();
  return token ? shown.split(token).join('[token]') : shown;
}

/** Why a network failure happened, in a word where Node gives one (ECONNREFUSED). */
export function networkError(err: unknown): string {
  const e = err as Error & { code?: string; cause?: { code?: string; message?: string } };
  return e.code ?? e.cause?.code ?? e.cause?.message ?? e.message;
}

/**
 * POSTs one report body, already serialized. It counts as delivered only on
 * Headroom's 202 receipt naming its id: any other 2xx (a server that answers
 * 200 to everything) keeps it spooled.
 */
export async function sendReport(server: string, token: string, body: string, timeoutMs = 10_000, stop?: AbortSignal): Promise<SendOutcome> {
  const url = `${server}/api/v1/reports`;
  let a: Answer;
  try {
    a = await request(url, token, body, timeoutMs, stop);
  } catch (err) {
    return { kind: 'retry', message: networkError(err) };
  }
  const answer = shownAnswer(a, token);
  if (a.status === 202 && isReceipt(a.text, reportIdOf(body))) return { kind: 'delivered' };
  const notHeadroom = (why: string) => ({
    kind: 'retry' as const,
    notHeadroom: true as const,
    message: `this is not a Headroom server: POST ${url} answered ${answer} (${why}). `
      + 'Reports stay spooled. Check --server; that server has seen the token: revoke it if the server is not yours',
  });
  if (a.status >= 200 && a.status < 300) return notHeadroom("not Headroom's receipt for the report");
  if (a.status >= 300 && a.status < 400) {
    return { kind: 'retry', message: `HTTP ${a.status}: the server redirects to ${a.location ?? '(no location)'}; give that address as --server` };
  }
  // Too large is a verdict on this body whoever gives it (a proxy's
  // client_max_body_size too): resending the same bytes cannot pass.
  if (a.status === 413) return { kind: 'rejected', message: answer };
  if (a.status === 429) return { kind: 'retry', message: answer, throttled: retryAfterMs(a.retryAfter) };
  if (a.status >= 500) return { kind: 'retry', message: answer };
  const error = headroomError(a.text);
  if (error === null) return notHeadroom("not Headroom's JSON error");
  return refusals.has(error.code) ? { kind: 'rejected', message: answer } : { kind: 'retry', message: answer };
}
