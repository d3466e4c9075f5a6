import type { Metadata } from 'next';
import { RetentionForm } from '@/components/settings/RetentionForm';
import { formatBytes } from '@/lib/format';
import { requirePageUser } from '@/lib/access';
import { db } from '@/lib/server/db/client';
import { getRetention } from '@/lib/history';
import { storageStats } from '@/lib/ops';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Data retention' };

const tableLabels: Record<string, string> = {
  report: 'Reports, last hour or two (a row each)', report_chunk: 'Reports, older hours (a row per host and hour)', uid_sample: 'Per-user samples', process_sample: 'Top-process samples',
  report_minute: 'Per-minute rollups, last hour or two (a row each)', report_minute_chunk: 'Per-minute rollups, older hours (a row per host and hour)', report_hour: 'Per-hour rollups, last day or two (a row each)', report_hour_chunk: 'Per-hour rollups, older days (a row per host and day)', host_state: 'Current state (one row per host)',
  host_report: 'Latest full report (one row per host)',
};

export default async function DataPage() {
  const me = await requirePageUser();
  const [r, stats] = await Promise.all([getRetention(db()), storageStats(db())]);
  return (
    <div className="space-y-6">
      <p className="max-w-3xl text-sm text-slate-600 dark:text-slate-400">
        Every report is kept for the report window; per-minute and per-hour rollups (minimum, maximum and last value of each
        measure) keep the shape of older history, and the host page reads whichever fits the range shown. Pruning runs every
        10 minutes in small batches, so ingest never waits on it. Resolved alerts, delivered notifications and the audit log
        are kept for the history window.
      </p>
      {me.role === 'admin' ? <RetentionForm {...r} /> : (
        <p className="text-sm">Reports are kept {r.reportDays} days, per-minute rollups {r.minuteDays} days, per-hour rollups {r.hourDays} days,
          history {r.historyDays} days. Admins can change this.</p>
      )}
      <div className="overflow-x-auto">
        <table className="min-w-[28rem] text-sm">
          <caption className="py-2 text-left font-medium">Storage</caption>
          <thead><tr className="text-left text-xs text-slate-500 dark:text-slate-400"><th className="pr-6 font-normal">Table</th><th className="pr-6 text-right font-normal">Rows (about)</th><th className="text-right font-normal">On disk</th></tr></thead>
          <tbody>
            {stats.map((s) => (
              <tr key={s.table} className="border-t border-slate-200 dark:border-slate-700">
                <td className="py-1 pr-6">{tableLabels[s.table] ?? s.table}</td>
                <td className="py-1 pr-6 text-right tabular-nums">{Math.round(s.rows).toLocaleString('en-US')}</td>
                <td className="py-1 text-right tabular-nums">{formatBytes(s.bytes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
