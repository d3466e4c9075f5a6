// A real HTTP server in front of the real route handlers, that a test can stop
// and start again on the same port: the agent sees a genuine outage.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { GET as agentFile } from '@/app/agent/[file]/route';
import { GET as agentBundle } from '@/app/agent/headroom-agent.js/route';
import { GET as health } from '@/app/api/health/route';
import { GET as hosts } from '@/app/api/v1/hosts/route';
import { POST as reports } from '@/app/api/v1/reports/route';
import { GET as installSh } from '@/app/install.sh/route';

type Handler = (req: Request) => Promise<Response>;
const routes: Record<string, Handler> = {
  'POST /api/v1/reports': reports,
  'GET /api/v1/hosts': hosts,
  'GET /api/health': () => health(),
  'GET /install.sh': () => installSh(),
  'GET /agent/headroom-agent.js': () => agentBundle(),
};

/** The handler for a method and path: the table's, else the agent files' dynamic route. */
function routeFor(method: string | undefined, pathname: string): Handler | undefined {
  const file = /^\/agent\/([^/]+)$/.exec(pathname)?.[1];
  return routes[`${method} ${pathname}`] ?? (method === 'GET' && file ? (req) => agentFile(req, { params: Promise.resolve({ file }) }) : undefined);
}

async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const route = routeFor(req.method, req.url?.split('?')[0] ?? '');
  if (!route) {
    res.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const headers = new Headers(Object.entries(req.headers).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : [])));
  const request = new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers, body: req.method === 'GET' ? undefined : Buffer.concat(chunks) });
  const response = await route(request);
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}

export interface AppServer { port: number; url: string; stop(): Promise<void>; start(): Promise<void> }

export async function startAppServer(port = 0): Promise<AppServer> {
  let server: http.Server | null = null;
  const self: AppServer = {
    port,
    url: '',
    async start() {
      server = http.createServer((req, res) => void handle(req, res).catch(() => res.writeHead(500).end()));
      await new Promise<void>((resolve, reject) => server!.once('error', reject).listen(self.port, '127.0.0.1', resolve));
      self.port = (server.address() as AddressInfo).port;
      self.url = `http://127.0.0.1:${self.port}`;
    },
    async stop() {
      if (!server) return;
      const s = server;
      server = null;
      s.closeAllConnections();
      await new Promise((resolve) => s.close(resolve));
    },
  };
  await self.start();
  return self;
}

export { freePort } from './ports';
