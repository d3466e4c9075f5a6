import 'server-only';
import { z } from 'zod';
import { resolveWindow, unusableWindow, windowParams } from '../protocol';
import { AppError } from './errors';

/** A request's query, as strings. */
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

/** A read's window from its query: `range` (15m … 30d, 1h by default) or from/to (ms), and a moment `at`; one it cannot answer is refused. */
export function windowQuery(req: Request, now = new Date()): { from: Date; to: Date; at: Date | null } {
  const q = queryOf(req, windowParams);
  const w = resolveWindow(q, now);
  if (unusableWindow(q, w)) throw new AppError('bad_request', 'from and to must be times (ms since 1970) with from before to and before now');
  return { from: w.from, to: w.to, at: q.at === undefined ? null : new Date(q.at) };
}
