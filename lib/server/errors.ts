// Typed errors with a stable code; lib/server/http.ts turns them into responses.
export type ErrorCode =
  | 'bad_request' | 'invalid_json' | 'invalid_report' | 'invalid_query' | 'payload_too_large'
  | 'unauthorized' | 'forbidden' | 'not_found' | 'unsupported_media_type' | 'too_many_requests' | 'internal';

const statusOf: Record<ErrorCode, number> = {
  bad_request: 400, invalid_json: 400, invalid_report: 422, invalid_query: 400, payload_too_large: 413,
  unauthorized: 401, forbidden: 403, not_found: 404, unsupported_media_type: 415, too_many_requests: 429, internal: 500,
};

export interface Issue { path: string; message: string }

export class AppError extends Error {
  readonly status: number;
  constructor(readonly code: ErrorCode, message: string, readonly issues?: Issue[], readonly retryAfterSeconds?: number) {
    super(message);
    this.status = statusOf[code];
  }
}

export function zodIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): Issue[] {
  return issues.slice(0, 50).map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message }));
}

/**
 * Each wrong field and what is wrong with it, in plain words: "password: must
 * be at least 12 characters". `names` says what a field is called where the
 * input came from (a CLI flag), when that is not its name in the schema.
 */
export function fieldProblems(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>, names: Record<string, string> = {}): string[] {
  return zodIssues(issues).map((i) => {
    const field = names[i.path] ?? (i.path === '(root)' ? null : i.path);
    return field ? `${field}: ${i.message}` : i.message;
  });
}

/** The bad_request for input a schema refused, its message naming every wrong field. */
export function invalidInput(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): AppError {
  return new AppError('bad_request', fieldProblems(issues).join('; '), zodIssues(issues));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `id` has a uuid's shape (ids come from URLs; only those reach SQL). */
export const isId = (id: string): boolean => UUID.test(id);

/** Ids come from URLs: a malformed one is simply not found (and never reaches SQL). */
export function assertId(id: string, what: string): void {
  if (!isId(id)) throw new AppError('not_found', `no such ${what}`);
}

// Postgres refusing a value it cannot hold, whichever driver reports it
// (Prisma nests the code under meta.driverAdapterError.cause; pg sets it on
// the error). Input that reached SQL this way is the client's mistake: a
// 400, not a 500. Schemas refuse these first where they can; this is the net.
const refusedValues: Record<string, string> = {
  '22021': 'text must not contain NUL characters (U+0000)',
  '22P05': 'text the database cannot store (a NUL character, U+0000, or one outside its encoding)',
  '22008': 'a date is out of range',
};

/** The AppError for a database error caused by a value the client sent, else null. */
export function fromRefusedValue(err: unknown): AppError | null {
  const e = err as { code?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } } } | null;
  const code = e?.meta?.driverAdapterError?.cause?.originalCode ?? e?.code;
  const message = typeof code === 'string' ? refusedValues[code] : undefined;
  if (!message) return null;
  // Logged all the same: a value the server computed itself would be a bug, not the client's mistake.
  console.warn(`headroom: answered 400 for a value the database refused (${code}): ${(err as Error).message?.split('\n').at(-1) ?? ''}`);
  return new AppError('bad_request', message);
}
