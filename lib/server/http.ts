import 'server-only';
import { NextResponse } from 'next/server';
import type { ApiError } from '../protocol';
import { AppError, fromRefusedValue } from './errors';

export function errorResponse(thrown: unknown): NextResponse<ApiError> {
  const err = fromRefusedValue(thrown) ?? thrown;
  if (err instanceof AppError) {
    const headers = err.retryAfterSeconds ? { 'retry-after': String(err.retryAfterSeconds) } : undefined;
    return NextResponse.json({ error: { code: err.code, message: err.message, ...(err.issues ? { issues: err.issues } : {}) } }, { status: err.status, headers });
  }
  // Unknown failures are logged here and never echoed: no stack traces or SQL reach clients.
  console.error('headroom: unhandled error', err);
  return NextResponse.json({ error: { code: 'internal', message: 'internal error' } }, { status: 500 });
}

/** Wraps a route handler so every failure leaves in the one JSON error shape. */
export function route<A extends unknown[]>(handler: (...args: A) => Promise<Response>): (...args: A) => Promise<Response> {
  return async (...args) => {
    try {
      return await handler(...args);
    } catch (err) {
      return errorResponse(err);
    }
  };
}

/** The checks a JSON body passes before it is read: its type, and its declared size. */
export function checkJsonHeaders(contentType: string | null, contentLength: string | null, maxBytes: number): void {
  if (!/^application\/json\b/i.test(contentType ?? '')) throw new AppError('unsupported_media_type', 'send Content-Type: application/json');
  const declared = Number(contentLength ?? NaN);
  if (declared > maxBytes) throw new AppError('payload_too_large', `body is ${declared} bytes; the limit is ${maxBytes}`);
}

export function tooLarge(maxBytes: number): AppError {
  return new AppError('payload_too_large', `body passes the limit of ${maxBytes} bytes`);
}

export function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch (err) {
    throw new AppError('invalid_json', `body is not valid JSON: ${(err as Error).message.slice(0, 120)}`);
  }
}

/** Reads a JSON body, refusing it before parsing once it passes `maxBytes`. */
export async function readJsonBody(req: Request, maxBytes: number): Promise<unknown> {
  checkJsonHeaders(req.headers.get('content-type'), req.headers.get('content-length'), maxBytes);
  if (!req.body) throw new AppError('invalid_json', 'empty body');
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return parseJson(Buffer.concat(chunks));
}
