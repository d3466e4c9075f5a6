import { buildkitVersions, isCrashingBuildkit } from '@/lib/risk';
import { formatCount, formatMs } from '@/lib/format';
import type { Report } from '@/lib/protocol';
import { card } from '../ui/styles';

interface Facts { machineId: string | null; kernel: string | null; agentVersion: string | null; bootTime: Date | null; intervalSeconds: number }

export function HostFacts({ facts, latest }: { facts: Facts; latest: Report | null }) {
  const bk = latest ? buildkitVersions(latest) : [];
  const rows: [string, string][] = [
    ['Kernel', facts.kernel ?? '—'],
    ['Agent', facts.agentVersion ?? '—'],
    ['Machine id', facts.machineId ?? '—'],
    ['Booted', facts.bootTime ? facts.bootTime.toISOString().replace('T', ' ').slice(0, 19) + ' UTC' : '—'],
    ['Report interval', `${facts.intervalSeconds} s`],
  ];
  if (latest) {
    rows.push(
      ['Instance limit', `${formatCount(latest.inotify.maxUserInstances)} (${latest.inotify.instancesSource})`],
      ['Watch limit', `${formatCount(latest.inotify.maxUserWatches)} (${latest.inotify.watchesSource})`],
      ['fs.file-max / nr_open', `${formatCount(latest.fds.max)} / ${formatCount(latest.fds.nrOpen)}`],
      ['Containers', `${latest.containers.running} running${latest.containers.total !== null ? ` of ${latest.containers.total}` : ''} (${latest.containers.method})`],
      ['BuildKit', bk.length ? bk.map((v) => (isCrashingBuildkit(v) ? `${v} ⚠ crashing version` : v)).join(', ') : 'none seen'],
      ['Last scan', `${latest.scan.processes} processes in ${formatMs(latest.scan.durationMs)}; ${latest.scan.skipped.vanished} vanished mid-scan, ${latest.scan.skipped.denied} unreadable (their inotify use not counted)${latest.scan.truncated ? '; fd budget ran out (counts may be low)' : ''}${latest.scan.overran ? '; the cycle before overran its interval' : ''}`],
    );
    if (latest.delivery) {
      rows.push(['Agent spool', `${latest.delivery.pending} waiting, ${latest.delivery.dropped} dropped at the cap so far`]);
    }
  }
  return (
    <dl className={`${card} grid grid-cols-1 gap-x-6 gap-y-1 p-4 text-sm sm:grid-cols-2`}>
      {rows.map(([k, v]) => (
        <div key={k} className="flex gap-2">
          <dt className="w-40 shrink-0 text-slate-500 dark:text-slate-400">{k}</dt>
          <dd className="min-w-0 tabular-nums [overflow-wrap:anywhere]">{v}</dd>
        </div>
      ))}
    </dl>
  );
}
