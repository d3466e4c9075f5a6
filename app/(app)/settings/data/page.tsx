import type { Metadata } from 'next';
import { RetentionForm } from '@/components/settings/RetentionForm';
import { StorageTable } from '@/components/settings/StorageTable';
import { requirePageUser } from '@/lib/access';
import { dataPage } from '@/lib/views';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Data retention' };

export default async function DataPage() {
  const { retention: r, canEdit, tables } = await dataPage(await requirePageUser());
  return (
    <div className="space-y-6">
      <p className="max-w-3xl text-sm text-slate-600 dark:text-slate-400">
        Every report is kept for the report window; per-minute and per-hour rollups (minimum, maximum and last value of each
        measure) keep the shape of older history, and the host page reads whichever fits the range shown. Pruning runs every
        10 minutes in small batches, so ingest never waits on it. Resolved alerts, delivered notifications and the audit log
        are kept for the history window.
      </p>
      {canEdit ? <RetentionForm {...r} /> : (
        <p className="text-sm">Reports are kept {r.reportDays} days, per-minute rollups {r.minuteDays} days, per-hour rollups {r.hourDays} days,
          history {r.historyDays} days. Admins can change this.</p>
      )}
      <StorageTable tables={tables} />
    </div>
  );
}
