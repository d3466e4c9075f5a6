// The lean ingest endpoint on a real Node HTTP server: the same answers as the
// route handler for good and bad requests, and the same headers as next.config.js.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import nextConfig from '../../next.config.js';
import { apiError, ingestAccepted } from '../protocol';
import { openTestDatabase, type TestDatabase } from '../testing/databases';
import { makeReport } from '../testing/report-factory';
import { createToken } from '../access';
import { securityHeaders, serveIngest } from './node-endpoint';

describe('ingest on a plain Node server', () => {
  let t: TestDatabase;
  let server: http.Server;
  let url: string;
  let token: string;
  beforeAll(async () => {
    t = await openTestDatabase('pglite');
    token = (await createToken(t.db, { name: 'agents', scope: 'ingest' })).token;
    server = http.createServer((req, res) => void serveIngest(t.db, req, res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/reports`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await t.close();
  });

  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers } });

  it('stores a report and answers 202 with the route handler headers', async () => {
    const r = makeReport({ hostName: 'lean' });
    const res = await post(JSON.stringify(r));
    expect(res.status).toBe(202);
    expect(ingestAccepted.parse(await res.json())).toMatchObject({ reportId: r.reportId, duplicate: false });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await t.db.report.count()).toBe(1);
  });

  it('refuses what the route handler refuses, with the same error shape, and stores nothing', async () => {
    const cases: [string, Record<string, string>, number, string][] = [
      [JSON.stringify(makeReport()), { authorization: 'Bearer hr_nope' }, 401, 'unauthorized'],
      [JSON.stringify(makeReport()), { 'content-type': 'text/plain' }, 415, 'unsupported_media_type'],
      ['{"truncated', {}, 400, 'invalid_json'],
      [JSON.stringify({ ...makeReport(), intervalSeconds: -1 }), {}, 422, 'invalid_report'],
      [JSON.stringify({ pad: 'x'.repeat(1024 * 1024 + 10) }), {}, 413, 'payload_too_large'],
    ];
    for (const [body, headers, status, code] of cases) {
      const res = await post(body, headers);
      expect(res.status, code).toBe(status);
      expect(apiError.parse(await res.json()).error.code).toBe(code);
    }
    expect(await t.db.report.count()).toBe(1);
  });

  it('sets the headers next.config.js sets on every other response', async () => {
    const rules = await nextConfig.headers!();
    expect(Object.fromEntries(rules[0]!.headers.map((h) => [h.key, h.value]))).toEqual(securityHeaders);
  });
});
