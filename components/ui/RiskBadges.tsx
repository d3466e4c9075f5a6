import type { HostSummary } from '@/lib/protocol';

const badge = 'rounded px-1.5 py-0.5 text-xs font-semibold text-white';

/** The two risks that get a word beside a host's name wherever it is shown. */
export function RiskBadges({ host, className = '' }: { host: Pick<HostSummary, 'panicRisk' | 'crashingBuildkit'>; className?: string }) {
  return (
    <>
      {host.panicRisk && <span className={`${className} ${badge} bg-red-600`}>watcher-panic risk</span>}
      {host.crashingBuildkit && <span className={`${className} ${badge} bg-purple-700`}>BuildKit v0.20.0</span>}
    </>
  );
}
