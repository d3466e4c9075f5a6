// The fleet view's query, as typed URL search params: every view is a link.
import { z } from 'zod';
import { status } from './protocol/api';
import { plainText } from './protocol/text';

export const fleetSorts = ['status', 'name', 'inotifyInstances', 'inotifyWatches', 'systemFds', 'processFds', 'exhaustion', 'containers', 'lastSeen'] as const;
export type FleetSort = (typeof fleetSorts)[number];

export const fleetQuery = z.object({
  q: z.string().trim().pipe(plainText(253)).optional().catch(undefined),
  status: status.optional().catch(undefined),
  label: z.string().trim().pipe(plainText(100)).optional().catch(undefined),
  /** Only hosts flagged for watcher-panic risk. */
  panic: z.enum(['1']).optional().catch(undefined),
  sort: z.enum(fleetSorts).catch('status'),
  dir: z.enum(['asc', 'desc']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  per: z.coerce.number().int().min(10).max(500).catch(50),
});
export type FleetQuery = z.infer<typeof fleetQuery>;

/** The hosts API's query: scripts usually want every host, so it pages only when asked to. */
export const fleetApiQuery = fleetQuery.extend({ per: z.coerce.number().int().min(1).max(10_000).catch(10_000) });

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
  if (next.sort !== 'status') p.set('sort', next.sort);
  if (next.dir && next.dir !== defaultDir(next.sort)) p.set('dir', next.dir);
  if (next.page > 1) p.set('page', String(next.page));
  if (next.per !== 50) p.set('per', String(next.per));
  const s = p.toString();
  return s ? `/?${s}` : '/';
}
