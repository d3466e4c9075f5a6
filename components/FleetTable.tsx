import Link from 'next/link';
import { dimensionLabels } from '@/lib/dimensions';
import { formatAgo, formatDuration } from '@/lib/format';
import { dimensionKeys, type HostSummary } from '@/lib/protocol/api';
import { HeadroomBar } from './HeadroomBar';
import { StatusBadge } from './StatusBadge';

export function FleetTable({ hosts, now }: { hosts: HostSummary[]; now: Date }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-900">
      <table className="w-full text-sm">
        <caption className="sr-only">Hosts, worst first</caption>
        <thead className="bg-slate-100 text-left text-xs uppercase tracking-wide text-slate-600 dark:bg-slate-800 dark:text-slate-300">
          <tr>
            <th scope="col" className="px-3 py-2">Status</th>
            <th scope="col" className="px-3 py-2">Host</th>
            {dimensionKeys.map((k) => <th key={k} scope="col" className="px-3 py-2" title={dimensionLabels[k].help}>{dimensionLabels[k].short}</th>)}
            <th scope="col" className="px-3 py-2" title="At the recent trend, until the first limit is reached">Full in</th>
            <th scope="col" className="px-3 py-2 text-right">Containers</th>
            <th scope="col" className="px-3 py-2">Last seen</th>
          </tr>
        </thead>
        <tbody>
          {hosts.map((h) => (
            <tr key={h.id} className="border-t border-slate-100 dark:border-slate-800" data-testid="host-row">
              <td className="px-3 py-2"><StatusBadge status={h.status} /></td>
              <td className="px-3 py-2 font-medium">
                <Link href={`/hosts/${h.id}`} className="text-blue-700 hover:underline dark:text-blue-300">{h.name}</Link>
                {h.panicRisk && <span className="ml-2 rounded bg-red-600 px-1.5 py-0.5 text-xs font-semibold text-white">watcher-panic risk</span>}
                {h.crashingBuildkit && <span className="ml-2 rounded bg-purple-700 px-1.5 py-0.5 text-xs font-semibold text-white">BuildKit v0.20.0</span>}
              </td>
              {dimensionKeys.map((k) => (
                <td key={k} className="px-3 py-2"><HeadroomBar d={h.dimensions[k]} label={dimensionLabels[k].title} /></td>
              ))}
              <td className="px-3 py-2 whitespace-nowrap tabular-nums">{h.exhaustionSeconds === null ? '—' : formatDuration(h.exhaustionSeconds)}</td>
              <td className="px-3 py-2 text-right tabular-nums">{h.containersRunning ?? '—'}</td>
              <td className="px-3 py-2 whitespace-nowrap text-slate-600 dark:text-slate-400">
                <time dateTime={h.lastSeen ?? undefined}>{formatAgo(h.lastSeen, now)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
