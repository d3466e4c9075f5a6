import type { Metadata } from 'next';
import Link from 'next/link';
import { lockedFor } from '@/lib/views';
import { LockedNote } from '@/components/ui/FormStatus';
import { StateForm } from '@/components/ui/StateForm';
import { AlertTable } from '@/components/alerts/AlertTable';
import { SilenceForm } from '@/components/alerts/SilenceForm';
import { AutoRefresh } from '@/components/ui/AutoRefresh';
import { ruleDimensionTitle } from '@/lib/format';
import { ruleDimensions } from '@/lib/protocol';
import { requirePageUser } from '@/lib/access';
import { db } from '@/lib/server/db/client';
import { alertFilter, listAlerts, silencedHostIds } from '@/lib/alerts';
import { listHostNames } from '@/lib/hosts';
import { listSilences } from '@/lib/alerts';
import { expireSilenceAction } from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Alerts' };

const views = [['firing', 'Firing'], ['acknowledged', 'Acknowledged'], ['silenced', 'Silenced'], ['pending', 'Pending'], ['resolved', 'History']] as const;
const field = 'rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-800';

export default async function AlertsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const me = await requirePageUser();
  const ackLocked = lockedFor(me.role, 'editor', 'acknowledge alerts');
  const silenceLocked = lockedFor(me.role, 'editor', 'silence alerts');
  const params = await searchParams;
  const f = alertFilter.parse(params);
  const now = new Date();
  const [alerts, silences, hosts, silenced] = await Promise.all([listAlerts(db(), f, 200, now), listSilences(db(), now), listHostNames(db()), silencedHostIds(db(), now)]);
  const labels = [...new Set(hosts.flatMap((h) => h.labels))].sort();
  const link = (view: string) => `?${new URLSearchParams({ ...Object.fromEntries(Object.entries(params).filter(([, v]) => v) as [string, string][]), view })}`;
  return (
    <div className="space-y-6">
      <AutoRefresh seconds={15} />
      <h1 className="text-2xl font-bold">Alerts</h1>
      <nav aria-label="Alert views" className="flex flex-wrap gap-1">
        {views.map(([v, label]) => (
          <Link key={v} href={link(v)} aria-current={f.view === v ? 'page' : undefined}
            className={`rounded px-3 py-1 text-sm ${f.view === v ? 'bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900' : 'bg-white hover:bg-slate-100 dark:bg-slate-800'}`}>{label}</Link>
        ))}
      </nav>
      <form className="flex flex-wrap items-end gap-3 text-sm" role="search" aria-label="Filter alerts">
        <input type="hidden" name="view" value={f.view} />
        <label className="flex flex-col gap-1"><span className="text-xs text-slate-600 dark:text-slate-400">Host</span>
          <input name="host" defaultValue={f.host} placeholder="name contains…" className={field} /></label>
        <label className="flex flex-col gap-1"><span className="text-xs text-slate-600 dark:text-slate-400">Severity</span>
          <select name="severity" defaultValue={f.severity ?? ''} className={field}><option value="">any</option><option value="critical">critical</option><option value="warning">warning</option></select></label>
        <label className="flex flex-col gap-1"><span className="text-xs text-slate-600 dark:text-slate-400">Dimension</span>
          <select name="dimension" defaultValue={f.dimension ?? ''} className={field}><option value="">any</option>
            {ruleDimensions.map((d) => <option key={d} value={d}>{ruleDimensionTitle[d]}</option>)}</select></label>
        <button className="rounded bg-slate-200 px-3 py-1.5 dark:bg-slate-700">Filter</button>
      </form>
      {alerts.length > 0 && <LockedNote reason={ackLocked} />}
      <AlertTable alerts={alerts} now={now} silencedHostIds={new Set(silenced)} locked={ackLocked} />
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">Silences</h2>
        <LockedNote reason={silenceLocked} />
        {hosts.length > 0 && <SilenceForm hosts={hosts} labels={labels} locked={silenceLocked} />}
        {silences.length === 0 ? <p className="text-sm text-slate-600 dark:text-slate-400">No active silences.</p> : (
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm dark:divide-slate-800 dark:border-slate-700 dark:bg-slate-900">
            {silences.map((s) => (
              <li key={s.id} className="flex flex-wrap items-center gap-3 px-3 py-2">
                <span className="font-medium">{s.host?.name ?? `label ${s.label}`}</span>
                <span className="text-slate-600 dark:text-slate-400">until {s.endsAt.toISOString().replace('T', ' ').slice(0, 16)} UTC · {s.reason} · by {s.createdBy}</span>
                <StateForm action={expireSilenceAction} className="ml-auto flex items-center gap-2">
                  <input type="hidden" name="silenceId" value={s.id} />
                  <button disabled={!!silenceLocked} title={silenceLocked} className="rounded bg-slate-200 px-2 py-1 text-xs disabled:cursor-not-allowed disabled:opacity-50 dark:bg-slate-700">End now</button>
                </StateForm>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
