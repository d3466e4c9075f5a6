import { containerName, containerOrigin, formatCount } from '@/lib/format';
import type { ByContainer, UsageSums } from '@/lib/protocol';
import { tableCard, tableHead, tableRow } from '../ui/styles';

const th = 'px-3 py-2 text-left';
const td = 'px-3 py-1.5 tabular-nums';
const muted = 'text-slate-500 dark:text-slate-400';

function Sums({ u }: { u: UsageSums }) {
  return (
    <>
      <td className={td}>{formatCount(u.instances)}</td>
      <td className={td}>{formatCount(u.watches)}</td>
      <td className={td}>{formatCount(u.fds)}</td>
      <td className={td} title={u.unreadable ? `${u.unreadable} of them unreadable: their inotify use is not counted` : undefined}>
        {formatCount(u.processes)}{u.unreadable > 0 && <span className="text-amber-700 dark:text-amber-300"> ({u.unreadable} unreadable)</span>}
      </td>
    </>
  );
}

/** inotify and fd use summed by container at the moment shown, with the host's own processes as a row of their own. */
export function ContainerTable({ containers, at }: { containers: ByContainer | null; at: Date | null }) {
  return (
    <div className={tableCard}>
      <table className="w-full text-sm" data-testid="container-table">
        <caption className="px-3 py-2 text-left font-medium">
          Top containers{at && <span className={`ml-2 text-xs font-normal ${muted}`}>from the report of {at.toISOString().slice(11, 19)} UTC</span>}
        </caption>
        <thead className={tableHead}>
          <tr><th scope="col" className={th}>Container</th><th scope="col" className={th}>Image · project · runtime</th><th scope="col" className={th}>inotify inst.</th>
            <th scope="col" className={th}>watches</th><th scope="col" className={th}>fds</th><th scope="col" className={th}>processes</th></tr>
        </thead>
        <tbody>
          {!containers && <tr><td colSpan={6} className={`px-3 py-3 ${muted}`}>This agent does not report use by container (agents from December 2026 on do).</td></tr>}
          {containers?.containers.map((c) => (
            <tr key={c.id} className={tableRow}>
              <td className="max-w-xs truncate px-3 py-1.5 font-medium" title={`${c.id}${c.pod ? ` · pod uid ${c.pod.uid}` : ''}`}>{containerName(c)}</td>
              <td className={`max-w-xs truncate px-3 py-1.5 text-xs ${muted}`}>{containerOrigin(c) || '—'}</td>
              <Sums u={c} />
            </tr>
          ))}
          {containers && containers.rest.containers > 0 && (
            <tr className={tableRow}><td className={`px-3 py-1.5 ${muted}`} colSpan={2}>{containers.rest.containers} more containers</td><Sums u={containers.rest} /></tr>
          )}
          {containers && (
            <tr className={tableRow}><td className={`px-3 py-1.5 ${muted}`} colSpan={2}>the host itself (no container)</td><Sums u={containers.host} /></tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
