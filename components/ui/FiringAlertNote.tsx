import Link from 'next/link';
import { describeValue } from '@/lib/format';
import type { HostSummary } from '@/lib/protocol';

/** Why a host's status is worse than its figures: the firing alert that raised it, linked to the host's alerts. */
export function FiringAlertNote({ host }: { host: Pick<HostSummary, 'name' | 'status' | 'statusFromFigures' | 'firingAlert'> }) {
  const a = host.firingAlert;
  if (!a || host.status === host.statusFromFigures) return null;
  const more = a.count > 1 ? `, ${a.count - 1} more` : '';
  return (
    <Link href={`/alerts?host=${encodeURIComponent(host.name)}`} data-testid="firing-alert-note"
      title={`The figures alone are ${host.statusFromFigures}; a ${a.severity} alert is firing.`}
      className={`block text-xs font-medium hover:underline ${a.severity === 'critical' ? 'text-red-800 dark:text-red-300' : 'text-amber-800 dark:text-amber-300'}`}>
      {a.severity} alert firing: {a.rule} ({describeValue(a.dimension, a.value)}){more}
    </Link>
  );
}
