import { containerName, formatCount } from '@/lib/format';
import type { ByContainer, ProcessInfo, UidUsage } from '@/lib/protocol';
import { tableCard, tableHead, tableRow } from '../ui/styles';

const th = 'px-3 py-2 text-left';
const from = (at: Date | null) => at && <span className="ml-2 text-xs font-normal text-slate-500 dark:text-slate-400">from the report of {at.toISOString().slice(11, 19)} UTC</span>;
const td = 'px-3 py-1.5 tabular-nums';

export function ProcessTable({ processes, at, containers = null }: { processes: ProcessInfo[]; at: Date | null; containers?: ByContainer | null }) {
  const named = new Map(containers?.containers.map((c) => [c.id, containerName(c)]));
  return (
    <div className={tableCard}>
      <table className="w-full text-sm">
        <caption className="px-3 py-2 text-left font-medium">Top processes{from(at)}</caption>
        <thead className={tableHead}>
          <tr><th scope="col" className={th}>PID</th><th scope="col" className={th}>Command</th><th scope="col" className={th}>EUID</th>
            <th scope="col" className={th}>fds / soft limit</th><th scope="col" className={th}>inotify inst.</th><th scope="col" className={th}>watches</th><th scope="col" className={th}>Container</th></tr>
        </thead>
        <tbody>
          {processes.length === 0 && <tr><td colSpan={7} className="px-3 py-3 text-slate-500 dark:text-slate-400">No processes were recorded for this moment.</td></tr>}
          {processes.map((p) => (
            <tr key={p.pid} className={tableRow}>
              <td className={td}>{p.pid}</td>
              <td className="max-w-md truncate px-3 py-1.5 font-mono text-xs" title={p.command}>{p.command}</td>
              <td className={td}>{p.euid}</td>
              <td className={td}>{formatCount(p.fds)} / {p.fdLimit === null ? 'unlimited' : formatCount(p.fdLimit)}</td>
              {p.inotifyUnreadable
                ? <td colSpan={2} className={`${td} text-slate-500 dark:text-slate-400`} title="The agent could not read this process's fd links (an AppArmor or SELinux profile refused it): its inotify use is not counted">unreadable</td>
                : <><td className={td}>{formatCount(p.inotifyInstances)}</td><td className={td}>{formatCount(p.inotifyWatches)}</td></>}
              <td className="px-3 py-1.5 font-mono text-xs" title={p.containerId ?? undefined}>{p.containerId ? named.get(p.containerId) ?? p.containerId.slice(0, 12) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function UidTable({ uids, limit, at }: { uids: UidUsage[]; limit: { instances: number; watches: number }; at: Date | null }) {
  return (
    <div className={tableCard}>
      <table className="w-full text-sm">
        <caption className="px-3 py-2 text-left font-medium">inotify use per user (effective UID){from(at)}</caption>
        <thead className={tableHead}>
          <tr><th scope="col" className={th}>UID</th><th scope="col" className={th}>User</th><th scope="col" className={th}>Instances</th><th scope="col" className={th}>Watches</th></tr>
        </thead>
        <tbody>
          {uids.length === 0 && <tr><td colSpan={4} className="px-3 py-3 text-slate-500 dark:text-slate-400">No process holds an inotify instance.</td></tr>}
          {uids.map((u) => (
            <tr key={u.uid} className={tableRow}>
              <td className={td}>{u.uid}</td>
              <td className="px-3 py-1.5">{u.user ?? '—'}</td>
              <td className={td}>{formatCount(u.instances)} / {formatCount(limit.instances)}</td>
              <td className={td}>{formatCount(u.watches)} / {formatCount(limit.watches)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
