// The fleet view's query, as typed URL search params: every view is a link.
import { z } from 'zod';
import { dimensionKeys, status } from './api';
import { plainText } from './text';

/** Each dimension sorts by its used fraction. */
export const fleetSorts = ['status', 'name', ...dimensionKeys, 'exhaustion', 'containers', 'failures', 'lastSeen'] as const;
export type FleetSort = (typeof fleetSorts)[number];

// A GET form's "any" option and an empty search box send `status=` and `q=`:
// an empty value is no filter, not a filter that nothing matches.
const emptyIsAny = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
/** An optional filter where empty means any; `.catch` outermost, so the API's strict reading (lib/server/api.ts) still refuses a bad value. */
const filter = <T extends z.ZodType>(s: T) => z.preprocess(emptyIsAny, s.optional()).catch(undefined);

export const fleetQuery = z.object({
  q: filter(z.string().trim().pipe(plainText(253))),
  status: filter(status),
  label: filter(z.string().trim().pipe(plainText(100))),
  /** Only hosts flagged for watcher-panic risk. */
  panic: filter(z.enum(['1'])),
  /** Only hosts where a watcher or file could not be created in the last hour. */
  failed: filter(z.enum(['1h'])),
  /** Hosts under a heading per label they carry (a host with two labels is under both), with counts. */
  group: filter(z.enum(['label'])),
  sort: z.enum(fleetSorts).catch('status'),
  dir: z.enum(['asc', 'desc']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  per: z.coerce.number().int().min(10).max(500).catch(50),
});
export type FleetQuery = z.infer<typeof fleetQuery>;

/** The hosts API's query: scripts usually want every host, so it pages only when asked to; one row a host, never grouped. */
export const fleetApiQuery = fleetQuery.omit({ group: true }).extend({ per: z.coerce.number().int().min(1).max(10_000).catch(10_000) });

/** Worst first by default: the direction that puts trouble at the top. */
export function defaultDir(sort: FleetSort): 'asc' | 'desc' {
  return sort === 'name' || sort === 'exhaustion' ? 'asc' : 'desc';
}

/** A link to the same view with some params changed (page resets unless given). */
export function fleetHref(q: FleetQuery, change: Partial<FleetQuery>): string {
  const next = { ...q, page: 1, ...change };
  const p = new URLSearchParams();
  if (next.q) p.set('q', next.q);
  if (next.status) p.set('status', next.status);
  if (next.label) p.set('label', next.label);
  if (next.panic) p.set('panic', next.panic);
  if (next.failed) p.set('failed', next.failed);
  if (next.group) p.set('group', next.group);
  if (next.sort !== 'status') p.set('sort', next.sort);
  if (next.dir && next.dir !== defaultDir(next.sort)) p.set('dir', next.dir);
  if (next.page > 1) p.set('page', String(next.page));
  if (next.per !== 50) p.set('per', String(next.per));
  const s = p.toString();
  return s ? `/?${s}` : '/';
}
