/** POSTs JSON and returns "HTTP <status>", throwing on anything but 2xx so the outbox retries. */
export async function postJson(url: string, body: string, headers: Record<string, string> = {}, timeoutMs = 10_000): Promise<string> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': 'Headroom', ...headers },
    body,
    signal: AbortSignal.timeout(timeoutMs),
    redirect: 'error',
  });
  const text = (await res.text().catch(() => '')).replace(/\s+/g, ' ').slice(0, 200);
  if (!res.ok) throw new Error(`HTTP ${res.status}${text ? `: ${text}` : ''}`);
  return `HTTP ${res.status}`;
}
