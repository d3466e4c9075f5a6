import { StatusBadge } from '@/components/ui/StatusBadge';

/** An alert's severity, drawn like a host status (icon and word). */
export function SeverityBadge({ severity, resolved }: { severity: string; resolved?: boolean }) {
  if (resolved) return <StatusBadge status="ok" label="Resolved" />;
  return <StatusBadge status={severity === 'critical' ? 'critical' : 'warning'} />;
}
