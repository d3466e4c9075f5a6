#!/usr/bin/env node
// The web server `headroom serve` runs: Next.js in a plain Node HTTP server,
// with POST /api/v1/reports answered before Next.js's request machinery (the
// handler comes from instrumentation.ts, so it is the app's own bundled code).
// At 10,000 agents that saves a CPU core (docs/scaling.md). Everything else,
// and every request when the handler is absent, goes to Next.js unchanged.
// HEADROOM_WEB_PROCESSES=N runs N of them on one port (Node's cluster hands
// connections out in turn): parsing and validating reports is CPU work, and one
// process uses one core.
//   PORT=3000 HOSTNAME=0.0.0.0 node bin/web.mjs
import cluster from 'node:cluster';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { forwardedFor, forwardedProto, proxyHops } from '../lib/web/forwarded.mjs';

// What Next.js serves; it throws on others (TRACE, CONNECT), which would answer 500.
const methods = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

const processes = Math.max(1, Math.floor(Number(process.env.HEADROOM_WEB_PROCESSES ?? 1)) || 1);

if (cluster.isPrimary && processes > 1) supervise();
else await serveWeb();

/** The web processes' parent: starts them, and stops with them (a supervisor restarts the lot). */
function supervise() {
  for (let i = 0; i < processes; i++) cluster.fork();
  let stopping = false;
  cluster.on('exit', (w, code) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    console.error(`headroom: web process ${w.process.pid} exited (code ${code}); stopping`);
    stopping = true;
    for (const other of Object.values(cluster.workers ?? {})) other?.process.kill('SIGTERM');
    setTimeout(() => process.exit(code || 1), 3500).unref();
  });
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.on(sig, () => {
      stopping = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(sig);
      setTimeout(() => process.exit(0), 3500).unref();
    });
  }
}

async function serveWeb() {
  process.env.NODE_ENV = 'production';
  const { default: next } = await import('next');
  const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const port = Number(process.env.PORT ?? 3000);
  const hostname = process.env.HOSTNAME ?? '0.0.0.0';

  const app = next({ dev: false, dir, hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const ingest = () => globalThis[Symbol.for('headroom.ingest')];

  const trustProxy = proxyHops(process.env.HEADROOM_TRUST_PROXY) > 0;

  // Headers come in milliseconds from agents and browsers, and a report is at most a
  // few MB: a client slower than this is holding a connection, not sending one.
  const server = http.createServer({ headersTimeout: 10_000, requestTimeout: 30_000, connectionsCheckingInterval: 1_000 }, (req, res) => {
    if (!methods.has(req.method ?? '')) {
      res.writeHead(405, { allow: [...methods].join(', '), 'content-type': 'application/json' })
        .end(JSON.stringify({ error: { code: 'method_not_allowed', message: `${req.method} is not served here` } }));
      return;
    }
    req.headers['x-forwarded-for'] = forwardedFor(req.headers['x-forwarded-for'], req.socket.remoteAddress, trustProxy);
    const proto = forwardedProto(req.headers['x-forwarded-proto'], trustProxy);
    if (proto === undefined) delete req.headers['x-forwarded-proto'];
    const fast = req.method === 'POST' && req.url?.split('?')[0] === '/api/v1/reports' ? ingest() : undefined;
    const done = fast ? fast(req, res) : handle(req, res);
    done.catch((err) => {
      console.error('headroom: request failed', err);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  server.keepAliveTimeout = 65_000; // longer than common load balancers' idle timeout
  server.listen(port, hostname, () => console.log(`headroom: web server on http://${hostname}:${port}`));
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.on(sig, () => {
      server.close(() => process.exit(0));
      server.closeIdleConnections();
      setTimeout(() => process.exit(0), 3000).unref(); // requests in flight get three seconds
    });
  }
}
