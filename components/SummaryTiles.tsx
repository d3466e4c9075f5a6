import type { HostSummary, Status } from '@/lib/protocol/api';

const order: Status[] = ['critical', 'warning', 'silent', 'ok'];
const labels: Record<Status, string> = { critical: 'Critical', warning: 'Warning', silent: 'Silent', ok: 'OK' };

export function SummaryTiles({ hosts }: { hosts: HostSummary[] }) {
  const count = (s: Status) => hosts.filter((h) => h.status === s).length;
  const tiles = [
    { label: 'Hosts', value: hosts.length },
    ...order.map((s) => ({ label: labels[s], value: count(s) })),
    { label: 'Watcher-panic risk', value: hosts.filter((h) => h.panicRisk).length },
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
      {tiles.map((t) => (
        <div key={t.label} className="rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-700 dark:bg-slate-900">
          <dt className="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">{t.label}</dt>
          <dd className="text-2xl font-semibold tabular-nums">{t.value.toLocaleString('en-US')}</dd>
        </div>
      ))}
    </dl>
  );
}
