import 'server-only';
import { alertFilter, listAlerts, listSilences, silencedHostIds } from '../alerts';
import { listHostNames } from '../hosts';
import { lockedFor, type SearchParams, type Viewer } from './viewer';
import { pageDb } from './read';

const views = [['firing', 'Firing'], ['acknowledged', 'Acknowledged'], ['silenced', 'Silenced'], ['pending', 'Pending'], ['resolved', 'History']] as const;

/** A link to another view of the alerts, keeping the filters set. */
export interface Tab { href: string; label: string; current: boolean }

/** The alerts page for the view and filters in the URL. */
export async function alertsPage(viewer: Viewer, search: SearchParams, now = new Date()) {
  const filter = alertFilter.parse(search);
  const rdb = await pageDb();
  const [alerts, silences, hosts, silenced] = await Promise.all([listAlerts(rdb, filter, 200, now), listSilences(rdb, now), listHostNames(rdb), silencedHostIds(rdb, now)]);
  const kept = Object.entries(search).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '');
  const ackLocked = lockedFor(viewer.role, 'alert.acknowledge', 'acknowledge alerts');
  const silenceLocked = lockedFor(viewer.role, 'silence.create', 'silence alerts');
  return {
    filter,
    tabs: views.map(([view, label]): Tab => ({ href: `?${new URLSearchParams({ ...Object.fromEntries(kept), view })}`, label, current: filter.view === view })),
    table: { alerts, now, silencedHostIds: new Set(silenced), locked: ackLocked },
    silences: {
      silences: silences.map((s) => ({ id: s.id, target: s.host?.name ?? `label ${s.label}`, endsAt: s.endsAt, reason: s.reason, createdBy: s.createdBy })),
      locked: silenceLocked,
    },
    /** Null when there is no host to silence yet. */
    silenceForm: hosts.length > 0 ? { hosts, labels: [...new Set(hosts.flatMap((h) => h.labels))].sort(), locked: silenceLocked } : null,
  };
}

export type AlertsView = Awaited<ReturnType<typeof alertsPage>>;
