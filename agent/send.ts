import type { Report } from '../lib/protocol/report';

export type SendResult = { ok: true } | { ok: false; retry: boolean; message: string };

/** POSTs one report. 5xx and network errors are worth retrying; 4xx are not. */
export async function sendReport(server: string, token: string, report: Report, timeoutMs = 10_000): Promise<SendResult> {
  try {
    const res = await fetch(`${server}/api/v1/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(report),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (res.ok) return { ok: true };
    const body = await res.text().catch(() => '');
    return { ok: false, retry: res.status >= 500 || res.status === 429, message: `HTTP ${res.status} ${body.slice(0, 300)}` };
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    return { ok: false, retry: true, message: cause ?? (err as Error).message };
  }
}
