import type { Metadata } from 'next';
import { RetentionForm } from '@/components/settings/RetentionForm';
import { SettingsNav } from '@/components/settings/SettingsNav';
import { requirePageUser } from '@/lib/server/auth/current-user';
import { db } from '@/lib/server/db/client';
import { getRetention } from '@/lib/server/services/retention';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Data retention' };

export default async function DataPage() {
  const me = await requirePageUser();
  const r = await getRetention(db());
  const reports = await db().report.count();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Settings</h1>
      <SettingsNav current="data" />
      <p className="max-w-3xl text-sm text-slate-600 dark:text-slate-400">
        Every report is kept for the report window, then pruned in small batches every 10 minutes (so ingest never waits on it).
        Resolved alerts, delivered notifications and the audit log are kept for the history window. {reports.toLocaleString('en-US')} reports are stored now.
      </p>
      {me.role === 'admin' ? <RetentionForm reportDays={r.reportDays} historyDays={r.historyDays} /> : (
        <p className="text-sm">Reports are kept {r.reportDays} days, history {r.historyDays} days. Admins can change this.</p>
      )}
    </div>
  );
}
