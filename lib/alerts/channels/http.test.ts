// Webhook posting against a real HTTP receiver started here.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyAllowList, parseAllowList, RefusedDestination } from './destination';
import { postJson } from './http';

const local = parseAllowList('127.0.0.1');

describe('posting to a webhook', () => {
  const seen: { url: string; headers: IncomingHttpHeaders }[] = [];
  const server = createServer((req, res) => {
    seen.push({ url: req.url!, headers: req.headers });
    req.resume().on('end', () => res.writeHead(204).end());
  });
  let port = 0;
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('sends credentials in the address as Basic authentication ', async () => {
    expect(await postJson(`http://hook%20user:p%40ss@127.0.0.1:${port}/in?x=1`, '{}', local)).toBe('HTTP 204');
    expect(seen.at(-1)!.url).toBe('/in?x=1');
    expect(seen.at(-1)!.headers.authorization).toBe(`Basic ${Buffer.from('hook user:p@ss').toString('base64')}`);
    expect(await postJson(`http://ops:50%off@127.0.0.1:${port}/in`, '{}', local)).toBe('HTTP 204');
    expect(seen.at(-1)!.headers.authorization).toBe(`Basic ${Buffer.from('ops:50%off').toString('base64')}`);
  });

  it('refuses an internal address written in the URL, which is connected to without a lookup', async () => {
    const before = seen.length;
    for (const url of [`http://127.0.0.1:${port}/in`, `http://[::ffff:127.0.0.1]:${port}/in`]) {
      const err = await postJson(url, '{}', emptyAllowList()).then(() => null, (e: Error) => e);
      expect(err).toBeInstanceOf(RefusedDestination);
      expect(err?.message).toMatch(/loopback address; HEADROOM_CHANNEL_ALLOW/);
    }
    expect(seen.length).toBe(before);
  });

  it('never puts the address in an error: the delivery log is open to viewers', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const gone = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const url = `http://u:secret-pass@127.0.0.1:${gone}/services/T000/B000/secret-token`;
    const err = await postJson(url, '{}', local).then(() => null, (e: Error) => e);
    expect((err as NodeJS.ErrnoException | null)?.code).toBe('ECONNREFUSED');
    expect(err?.message).not.toContain('secret');
  });
});
