// What the agent does with each kind of answer, from a real HTTP server: only
// Headroom's receipt for a report removes it, only Headroom's own verdict on a
// report drops it; a redirect, a proxy's page or a server that says 200 to
// everything keeps the backlog.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportIdOf, sendReport } from './send';

let server: http.Server;
let url = '';
const seen: string[] = [];
const TOKEN = 'hr_ingest_secret-for-the-test';

beforeAll(async () => {
  server = http.createServer(async (req, res) => {
    seen.push(`${req.method} ${req.url}`);
    let body = '';
    for await (const c of req) body += String(c);
    const sent = body.startsWith('{"protocolVersion"') ? (JSON.parse(body) as { reportId: string }).reportId : undefined;
    const json = (status: number, value: unknown) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(value)); };
    const error = (status: number, code: string) => json(status, { error: { code, message: code } });
    switch (req.url) {
      case '/moved/api/v1/reports': res.writeHead(301, { location: 'https://headroom.example/api/v1/reports' }); res.end(); return;
      case '/proxy/api/v1/reports': res.writeHead(400, { 'content-type': 'text/html' }); res.end('<html>400 The plain HTTP request was sent to HTTPS port</html>'); return;
      case '/gone/api/v1/reports': res.writeHead(404, { 'content-type': 'text/html' }); res.end('<html>Not Found</html>'); return;
      case '/invalid/api/v1/reports': error(422, 'invalid_report'); return;
      case '/notjson/api/v1/reports': error(400, 'invalid_json'); return;
      case '/token/api/v1/reports': error(401, 'unauthorized'); return;
      case '/query/api/v1/reports': error(400, 'invalid_query'); return;
      case '/busy/api/v1/reports': res.writeHead(429, { 'retry-after': '1' }); res.end(); return;
      case '/busier/api/v1/reports': res.writeHead(429); res.end(); return;
      case '/down/api/v1/reports': res.writeHead(502, { 'content-type': 'text/html' }); res.end('<html>Bad Gateway</html>'); return;
      case '/proxy-413/api/v1/reports': res.writeHead(413, { 'content-type': 'text/html' }); res.end('<html>413 Request Entity Too Large</html>'); return;
      case '/ok-empty/api/v1/reports': json(200, {}); return;
      case '/accepted-empty/api/v1/reports': json(202, {}); return;
      case '/html/api/v1/reports': res.writeHead(200, { 'content-type': 'text/html' }); res.end('<html>Welcome to nginx!</html>'); return;
      case '/other-id/api/v1/reports': json(202, { reportId: randomUUID(), hostId: 'h', duplicate: false }); return;
      case '/no-host/api/v1/reports': json(202, { reportId: sent }); return;
      case '/receipt-200/api/v1/reports': json(200, { reportId: sent, hostId: 'h', duplicate: false }); return;
      case '/echo/api/v1/reports': json(200, { headers: req.headers }); return;
      default: json(202, { reportId: sent, hostId: 'h', duplicate: false });
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('sendReport', () => {
  const body = () => JSON.stringify({ protocolVersion: 1, reportId: randomUUID(), host: { name: 'h' } });
  const send = (prefix: string) => sendReport(`${url}${prefix}`, TOKEN, body());

  it('keeps a report the server redirects, without following it as a GET, and says where it points', async () => {
    const out = await send('/moved');
    expect(out).toMatchObject({ kind: 'retry' });
    expect(out.kind === 'retry' && out.message).toContain('https://headroom.example/api/v1/reports');
    expect(seen.filter((s) => s.startsWith('GET'))).toEqual([]);
  });

  it("keeps a report refused by something that is not Headroom (a proxy's page, a wrong path, a token)", async () => {
    for (const p of ['/proxy', '/gone', '/token', '/query', '/busy', '/down']) expect((await send(p)).kind, p).toBe('retry');
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
  });

  it("counts a report delivered only on Headroom's 202 receipt naming its id", async () => {
    expect(await send('')).toEqual({ kind: 'delivered' });
    for (const p of ['/ok-empty', '/accepted-empty', '/html', '/other-id', '/no-host', '/receipt-200', '/echo']) {
      const out = await send(p);
      expect(out, p).toMatchObject({ kind: 'retry', notHeadroom: true });
      expect(out.kind === 'retry' && out.message, p).toContain(`this is not a Headroom server: POST ${url}${p}/api/v1/reports answered HTTP 20`);
    }
    // A body without an id (a spool entry cut short) is never taken as received.
    expect(await sendReport(url, TOKEN, '{"half')).toMatchObject({ kind: 'retry', notHeadroom: true });
  });

  it("says a proxy's or another server's error page is not Headroom; Headroom's own JSON errors and a 5xx are not that", async () => {
    for (const p of ['/proxy', '/gone']) expect(await send(p), p).toMatchObject({ notHeadroom: true });
    for (const p of ['/token', '/query', '/busy', '/down']) expect(await send(p), p).not.toHaveProperty('notHeadroom');
  });

  it('never logs the token, even from a server that echoes the request', async () => {
    const out = await send('/echo');
    expect(out.kind === 'retry' && out.message).toContain('[token]');
    expect(out.kind === 'retry' && out.message).not.toContain(TOKEN);
  });

  it("reads the id from the start of the body the agent wrote", () => {
    const id = randomUUID();
    expect(reportIdOf(JSON.stringify({ protocolVersion: 1, reportId: id, processes: [{ command: '"reportId":"x"' }] }))).toBe(id);
    expect(reportIdOf('{}')).toBeNull();
  });
});
