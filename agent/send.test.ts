// What the agent does with each kind of answer, from a real HTTP server: only
// the Headroom server's own verdict on a report drops it; a redirect or a
// proxy's error page keeps the backlog.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendReport } from './send';

let server: http.Server;
let url = '';
const seen: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const json = (status: number, code: string) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify({ error: { code, message: code } })); };
    switch (req.url) {
      case '/moved/api/v1/reports': res.writeHead(301, { location: 'https://headroom.example/api/v1/reports' }); res.end(); return;
      case '/proxy/api/v1/reports': res.writeHead(400, { 'content-type': 'text/html' }); res.end('<html>400 The plain HTTP request was sent to HTTPS port</html>'); return;
      case '/gone/api/v1/reports': res.writeHead(404, { 'content-type': 'text/html' }); res.end('<html>Not Found</html>'); return;
      case '/invalid/api/v1/reports': json(422, 'invalid_report'); return;
      case '/notjson/api/v1/reports': json(400, 'invalid_json'); return;
      case '/token/api/v1/reports': json(401, 'unauthorized'); return;
      case '/query/api/v1/reports': json(400, 'invalid_query'); return;
      case '/busy/api/v1/reports': res.writeHead(429, { 'retry-after': '1' }); res.end(); return;
      case '/busier/api/v1/reports': res.writeHead(429); res.end(); return;
      case '/proxy-413/api/v1/reports': res.writeHead(413, { 'content-type': 'text/html' }); res.end('<html>413 Request Entity Too Large</html>'); return;
      default: res.writeHead(202, { 'content-type': 'application/json' }); res.end('{}');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('sendReport', () => {
  const send = (prefix: string) => sendReport(`${url}${prefix}`, 't', '{}');

  it('keeps a report the server redirects, without following it as a GET, and says where it points', async () => {
    const out = await send('/moved');
    expect(out).toMatchObject({ kind: 'retry' });
    expect(out.kind === 'retry' && out.message).toContain('https://headroom.example/api/v1/reports');
    expect(seen.filter((s) => s.startsWith('GET'))).toEqual([]);
  });

  it("keeps a report refused by something that is not Headroom (a proxy's page, a wrong path, a token)", async () => {
    for (const p of ['/proxy', '/gone', '/token', '/query', '/busy']) expect((await send(p)).kind, p).toBe('retry');
    // 429 is the server asking for a pause, not an outage.
    expect(await send('/busy')).toMatchObject({ kind: 'retry', throttled: 1000 });
    expect(await send('/busier')).toMatchObject({ kind: 'retry', throttled: 1000 }); // no Retry-After: a second
    expect(await send('/gone')).not.toHaveProperty('throttled');
  });

  it("drops a report only on the server's own verdict on it", async () => {
    expect(await send('/invalid')).toMatchObject({ kind: 'rejected', message: expect.stringContaining('HTTP 422') });
    expect((await send('/notjson')).kind).toBe('rejected');
    // Too large is a verdict on these bytes whoever says it: a proxy's limit too.
    expect((await send('/proxy-413')).kind).toBe('rejected');
    expect((await send('')).kind).toBe('delivered');
  });
});
