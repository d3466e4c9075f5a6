import type { ReactNode } from 'react';
import { formatDuration } from '@/lib/format';
import type { ShellView } from '@/lib/views';

/** Every page says so when no process runs alert evaluation (with or without the rest of the background work). */
export async function BackgroundBehind({ status }: { status: ShellView['background'] }) {
  const s = await status;
  if (!s) return null;
  // The rollup watermark alone behind, evaluation current: rollups are stuck, alerts are not.
  if (s.behind && !s.evaluationBehind && s.lagSeconds !== null) {
    return (
      <Banner title="History is not being rolled up.">
        Alerts are evaluated, but the rollup job has not moved for {formatDuration(s.lagSeconds)}: charts of more than
        12 hours miss recent history, and old reports are not compacted. The worker&apos;s log says why (lines starting{' '}
        <code>headroom worker: rollup failed</code>), unless a replica is stuck holding the job (a long transaction in
        Postgres&apos;s <code>pg_stat_activity</code>).
      </Banner>
    );
  }
  if (s.behind && s.lagSeconds !== null) {
    return (
      <Banner title="Alerts are not being evaluated.">
        No background work has run for {formatDuration(s.lagSeconds)}:
        no alert fires or is sent, and history is not rolled up. Run <code>headroom serve</code> or <code>headroom worker</code> somewhere,
        without <code>HEADROOM_WORKER=0</code> (docs/deploy.md).
      </Banner>
    );
  }
  if (s.evaluationBehind && s.evaluationLagSeconds !== null) {
    return (
      <Banner title="Alerts are not being evaluated.">
        The background work runs, but no alert evaluation round has finished for {formatDuration(s.evaluationLagSeconds)}:
        no alert fires or is sent. The worker&apos;s log says why (lines starting <code>headroom worker: evaluation failed</code>).
      </Banner>
    );
  }
  return null;
}

function Banner({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div role="alert" data-testid="background-behind" className="mx-auto mt-4 max-w-screen-2xl px-4">
      <p className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950/50 dark:text-red-100">
        <strong>{title}</strong> {children}
      </p>
    </div>
  );
}
