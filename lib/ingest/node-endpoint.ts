import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { db as processDb, type Db } from '../server/db/client';
import { AppError } from '../server/errors';
import { checkJsonHeaders, errorResponse, parseJson, tooLarge } from '../server/http';
import { acceptReport } from './endpoint';

/** What next.config.js sets on every response; a test keeps the two lists equal. */
export const securityHeaders: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'X-Frame-Options': 'DENY',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/** The body of a Node request, bounded: past `maxBytes` it stops listening and refuses. */
export function readNodeJson(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  checkJsonHeaders(req.headers['content-type'] ?? null, req.headers['content-length'] ?? null, maxBytes);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > maxBytes) {
        req.off('data', onData);
        req.resume(); // discard the rest; the answer closes the connection
        reject(tooLarge(maxBytes));
        return;
      }
      chunks.push(c);
    };
    req.on('data', onData);
    req.once('end', () => { if (size <= maxBytes) { try { resolve(parseJson(Buffer.concat(chunks))); } catch (e) { reject(e); } } });
    req.once('error', () => reject(new AppError('invalid_json', 'the body was cut off')));
  });
}

function send(res: ServerResponse, status: number, body: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...securityHeaders, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...extra });
  res.end(body);
}

/**
 * POST /api/v1/reports straight on Node's HTTP server, without Next.js's
 * request machinery: about 1 ms less CPU a report (docs/scaling.md). Same
 * logic, answers and error shapes as the route handler.
 */
export async function serveIngest(db: Db, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const xff = req.headers['x-forwarded-for'];
    const accepted = await acceptReport(db, req.headers.authorization ?? null, Array.isArray(xff) ? xff.join(',') : xff ?? null, (max) => readNodeJson(req, max));
    send(res, 202, JSON.stringify(accepted));
  } catch (err) {
    const r = errorResponse(err);
    const extra: Record<string, string> = {};
    const retry = r.headers.get('retry-after');
    if (retry) extra['retry-after'] = retry;
    if (r.status === 413) extra.connection = 'close';
    send(res, r.status, await r.text(), extra);
  }
}

/** serveIngest on the process's database: the handler bin/web.mjs is given (instrumentation.ts). */
export const ingestHandler = () => (req: IncomingMessage, res: ServerResponse): Promise<void> => serveIngest(processDb(), req, res);
