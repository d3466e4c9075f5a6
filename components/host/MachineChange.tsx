import { formatAgo } from '@/lib/format';

/**
 * A host whose reports came from another machine id lately: reinstalled, or
 * two machines reporting under one name, whose reports then mix into one
 * history, one current state and one trend.
 */
export function MachineChange({ change, name, now }: { change: { at: Date; from: string | null; to: string | null }; name: string; now: Date }) {
  const short = (id: string | null) => (id ? id.slice(0, 12) : '?');
  return (
    <p role="status" data-testid="machine-change" className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950/50 dark:text-amber-100">
      <strong>The machine id changed {formatAgo(change.at.toISOString(), now)}</strong> (from <code>{short(change.from)}</code> to{' '}
      <code>{short(change.to)}</code>). A reinstall changes it once. If this keeps coming back, two machines report as
      &ldquo;{name}&rdquo; and their reports mix into one history and trend: give each its own name with the agent&apos;s{' '}
      <code>--host-name</code> (docs/agent.md).
    </p>
  );
}
