import 'server-only';
import { countUnhandled } from '../alerts';
import { hostTrends, listLabels, queryFleet, type FleetPage, type Trend } from '../hosts';
import { installCheck } from '../install';
import { fleetQuery, type FleetQuery } from '../protocol';
import { lockedFor, type SearchParams, type Viewer } from './viewer';
import { pageDb } from './read';

/** The fleet's hosts for one query: the slow part, streamed behind a skeleton. */
export interface FleetHostsView {
  q: FleetQuery;
  now: Date;
  page: FleetPage;
  labels: string[];
  /** Firing alerts nobody has acknowledged or silenced. */
  firing: number;
  trends: Map<string, Trend>;
  /** A filter narrows the view (so "no host" means no match, not an empty fleet). */
  filtered: boolean;
  addHostLocked: string | undefined;
  /** For the Add-host command: the server to name and install.sh's checksum (lib/install). */
  install: Awaited<ReturnType<typeof installCheck>>;
}

export interface FleetView {
  q: FleetQuery;
  /** Set by the host page after an admin removed a host. */
  removed: string | null;
  /** Its promise is awaited inside the page's Suspense boundary, so the heading shows at once. */
  hosts: Promise<FleetHostsView>;
}

/** The fleet page for the query in the URL; its hosts start loading now and arrive as a promise. */
export function fleetPage(viewer: Viewer, search: SearchParams): FleetView {
  const q = fleetQuery.parse(search);
  const removed = typeof search.removed === 'string' ? search.removed.slice(0, 255) : null;
  return { q, removed, hosts: fleetHosts(q, lockedFor(viewer.role, 'token.create', 'create tokens')) };
}

async function fleetHosts(q: FleetQuery, addHostLocked: string | undefined, now = new Date()): Promise<FleetHostsView> {
  const rdb = await pageDb();
  const [page, labels, firing, install] = await Promise.all([queryFleet(rdb, q, now), listLabels(rdb), countUnhandled(rdb), installCheck()]);
  const trends = await hostTrends(rdb, [...new Set(page.hosts.map((h) => h.id))], now);
  return { q, now, page, labels, firing, trends, filtered: Boolean(q.q || q.status || q.label || q.panic), addHostLocked, install };
}
