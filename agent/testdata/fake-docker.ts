// A small Docker Engine API on a unix socket: just the endpoints the agent reads.
import http from 'node:http';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface FakeContainer { Id: string; Image: string; State: 'running' | 'exited'; Names?: string[]; Labels?: Record<string, string> }

export async function startFakeDocker(containers: FakeContainer[], delayMs = 0): Promise<{ socket: string; requests: string[]; close(): Promise<void> }> {
  const socket = path.join(mkdtempSync(path.join(os.tmpdir(), 'hr-docker-')), 'docker.sock');
  const requests: string[] = [];
  const server = http.createServer(async (req, res) => {
    requests.push(`${req.method} ${req.url}`);
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs)); // a Docker daemon under load
    if (req.url === '/containers/json?all=1') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(containers));
    } else if (req.url === '/info') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ContainersRunning: containers.filter((c) => c.State === 'running').length }));
    } else {
      res.writeHead(404).end('{"message":"page not found"}');
    }
  });
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  return { socket, requests, close: () => new Promise((r) => server.close(() => r())) };
}
