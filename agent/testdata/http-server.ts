// A real HTTP server on a free local port, for answers a Headroom server would never give.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestHttpServer { url: string; close(): Promise<void> }

export async function startHttpServer(handle: http.RequestListener): Promise<TestHttpServer> {
  const server = http.createServer(handle);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

/** Headroom's receipt for a report body: what takes it out of the spool. */
export function receiptFor(body: string): string {
  const { reportId } = JSON.parse(body) as { reportId: string };
  return JSON.stringify({ reportId, hostId: 'test-host', duplicate: false });
}
