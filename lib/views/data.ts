import 'server-only';
import { getRetention } from '../history';
import { storageStats } from '../ops';
import { db } from '../server/db/client';
import type { Viewer } from './viewer';

const tableLabels: Record<string, string> = {
  report: 'Reports, last hour or two (a row each)', report_chunk: 'Reports, older hours (a row per host and hour)', uid_sample: 'Per-user samples', process_sample: 'Top-process samples',
  report_minute: 'Per-minute rollups, last hour or two (a row each)', report_minute_chunk: 'Per-minute rollups, older hours (a row per host and hour)', report_hour: 'Per-hour rollups, last day or two (a row each)', report_hour_chunk: 'Per-hour rollups, older days (a row per host and day)', host_state: 'Current state (one row per host)',
  host_report: 'Latest full report (one row per host)',
};

/** The data retention page: how long each kind of history is kept, and what the tables hold on disk. */
export async function dataPage(viewer: Viewer) {
  const [retention, stats] = await Promise.all([getRetention(db()), storageStats(db())]);
  return {
    retention,
    /** Only admins change retention; others read it. */
    canEdit: viewer.role === 'admin',
    tables: stats.map((s) => ({ table: s.table, label: tableLabels[s.table] ?? s.table, rows: Math.round(s.rows), bytes: s.bytes })),
  };
}

export type DataView = Awaited<ReturnType<typeof dataPage>>;
