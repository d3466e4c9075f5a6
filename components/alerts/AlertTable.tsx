import Link from 'next/link';
import { describeFigures, describeValue, describeWhat, formatAgo } from '@/lib/format';
import { AckForm } from './AckForm';
import { SeverityBadge } from './SeverityBadge';
import { chip, emptyNote, tableCard, tableHead, tableRow } from '../ui/styles';

export interface AlertRow {
  id: string; hostId: string; dimension: string; resource: string | null; subject: string | null; state: string; severity: string;
  value: number; used: number | null; limit: number | null; clearSince: Date | null;
  startedAt: Date; resolvedAt: Date | null; acknowledgedAt: Date | null; acknowledgedBy: string | null; ackNote: string | null;
  host: { name: string }; rule: { name: string; deletedAt: Date | null };
}

/** `locked`: why this user may not acknowledge (the forms are shown, disabled). */
export function AlertTable({ alerts, now, silencedHostIds, locked }: { alerts: AlertRow[]; now: Date; silencedHostIds: Set<string>; locked?: string }) {
  if (alerts.length === 0) return <p className={emptyNote}>No alerts here.</p>;
  return (
    <div className={tableCard}>
      <table className="w-full text-sm">
        <thead className={tableHead}>
          <tr>
            <th scope="col" className="px-3 py-2">Severity</th><th scope="col" className="px-3 py-2">Host</th>
            <th scope="col" className="px-3 py-2">What</th><th scope="col" className="px-3 py-2 text-right">Value</th>
            <th scope="col" className="px-3 py-2">Since</th><th scope="col" className="px-3 py-2">Owner / action</th>
          </tr>
        </thead>
        <tbody>
          {alerts.map((a) => (
            <tr key={a.id} className={tableRow} data-testid="alert-row">
              <td className="px-3 py-2"><SeverityBadge severity={a.severity} resolved={a.state === 'resolved'} /></td>
              <td className="px-3 py-2 font-medium">
                <Link href={`/hosts/${a.hostId}`} className="text-blue-700 hover:underline dark:text-blue-300">{a.host.name}</Link>
                {silencedHostIds.has(a.hostId) && <span className={`ml-2 ${chip}`}>silenced</span>}
              </td>
              <td className="px-3 py-2">
                {describeWhat(a)}{a.subject && <span className="text-slate-600 dark:text-slate-400"> of {a.subject}</span>}
                <div className="text-xs text-slate-500 dark:text-slate-400">{a.rule.name}{a.rule.deletedAt ? ' (rule deleted)' : ''}</div>
              </td>
              <td className="px-3 py-2 text-right tabular-nums">
                {describeValue(a.dimension, a.value)}
                {describeFigures(a) && <div className="whitespace-nowrap text-xs text-slate-500 dark:text-slate-400">{describeFigures(a)}</div>}
                {a.state === 'firing' && a.clearSince && <div className="whitespace-nowrap text-xs text-slate-500 dark:text-slate-400">clear for {formatAgo(a.clearSince.toISOString(), now).replace(/ ago$/, '')}</div>}
              </td>
              <td className="px-3 py-2 whitespace-nowrap text-slate-600 dark:text-slate-400">
                {formatAgo(a.startedAt.toISOString(), now)}
                {a.resolvedAt && <div className="text-xs">resolved {formatAgo(a.resolvedAt.toISOString(), now)}</div>}
              </td>
              <td className="px-3 py-2">
                {a.acknowledgedAt
                  ? <span className="text-xs">acknowledged by <b>{a.acknowledgedBy}</b>{a.ackNote ? `: ${a.ackNote}` : ''}</span>
                  : a.state === 'firing' ? <AckForm alertId={a.id} locked={locked} /> : <span className="text-xs text-slate-500 dark:text-slate-400">—</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
