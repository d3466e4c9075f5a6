import Link from 'next/link';
import type { HostSummary } from '@/lib/protocol';
import { FiringAlertNote } from '../ui/FiringAlertNote';
import { RiskBadges } from '../ui/RiskBadges';
import { StatusBadge } from '../ui/StatusBadge';

/** The host's name and status, with the risks that need a word of their own. */
export function HostHeader({ summary: s }: { summary: HostSummary }) {
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Link href="/" className="text-sm text-blue-700 hover:underline dark:text-blue-300">← Fleet</Link>
      <h1 className="text-2xl font-bold">{s.name}</h1>
      <StatusBadge status={s.status} />
      <FiringAlertNote host={s} />
      <RiskBadges host={s} />
    </div>
  );
}
