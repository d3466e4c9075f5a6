import 'server-only';
import type { z } from 'zod';
import { db } from './db/client';
import { AppError, zodIssues } from './errors';
import { readJsonBody } from './http';
import { authenticate, type Principal } from './services/authenticate';
import type { TokenScope } from './tokens';

/** The caller of an API route, by Bearer token with the scope the route needs. */
export const caller = (req: Request, scope: TokenScope): Promise<Principal> => authenticate(db(), req.headers.get('authorization'), scope);

/** A small JSON body (settings, acknowledgements), parsed with its schema. */
export async function jsonBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  const parsed = schema.safeParse(await readJsonBody(req, 64 * 1024));
  if (!parsed.success) throw new AppError('bad_request', 'invalid body', zodIssues(parsed.error.issues));
  return parsed.data;
}

export function searchParams(req: Request): Record<string, string> {
  return Object.fromEntries(new URL(req.url).searchParams);
}
