import 'server-only';
import { z } from 'zod';
import { db } from './db/client';
import { AppError, zodIssues } from './errors';
import { readJsonBody } from './http';
import { authenticate, type Principal } from '../access';
import type { TokenScope } from '../access';

/** The caller of an API route, by Bearer token with the scope the route needs. */
export const caller = (req: Request, scope: TokenScope): Promise<Principal> => authenticate(db(), req.headers.get('authorization'), scope);

/** A small JSON body (settings, acknowledgements), parsed with its schema. */
export async function jsonBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  const parsed = schema.safeParse(await readJsonBody(req, 64 * 1024));
  if (!parsed.success) throw new AppError('bad_request', 'invalid body', zodIssues(parsed.error.issues));
  return parsed.data;
}

/** jsonBody for a body that may be left out entirely: then the schema's defaults. */
export async function optionalJsonBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  if (!req.body || req.headers.get('content-length') === '0') return schema.parse({});
  return jsonBody(req, schema);
}

export function searchParams(req: Request): Record<string, string> {
  return Object.fromEntries(new URL(req.url).searchParams);
}

/**
 * A request's query parsed with a page's schema, strictly. Page URLs forgive a
 * bad value (it falls back to the default: `.catch`), which suits links and
 * browsers; a script that asks for `status=critcal` must hear about it rather
 * than get every host. Names the schema does not know are left alone, and an
 * empty value means "any" or the default, as a GET form's empty field sends it.
 */
export function queryOf<S extends z.ZodObject>(req: Request, schema: S): z.infer<S> {
  const params = searchParams(req);
  const issues: { path: string; message: string }[] = [];
  for (const [key, value] of Object.entries(params)) {
    const field = schema.shape[key];
    if (!field || value.trim() === '') continue;
    const strict = field instanceof z.ZodCatch ? (field.unwrap() as z.ZodType) : (field as z.ZodType);
    const r = strict.safeParse(value);
    if (!r.success) issues.push({ path: key, message: r.error.issues[0]?.message ?? 'invalid' });
  }
  if (issues.length) throw new AppError('invalid_query', `the query has values this endpoint does not take: ${issues.map((i) => i.path).join(', ')}`, issues);
  return schema.parse(params);
}
