import Link from 'next/link';
import { formatCount } from '@/lib/format';
import type { LimitsView } from '@/lib/views';
import { tableCard, tableHead, tableRow } from '../ui/styles';

const SHOWN = 12;
const what: Record<string, string> = {
  'fs.inotify.max_user_instances': 'inotify instances per user',
  'fs.inotify.max_user_watches': 'inotify watches per user',
  'fs.file-max': 'file handles, system-wide',
  'fs.nr_open': 'highest fd limit a process may have',
  LimitNOFILE: 'soft fd limit of dockerd, containerd and buildkitd',
};

/** One table per setting: each value the fleet holds, with its hosts; the defaults and the odd ones out marked. */
export function LimitGroups({ settings }: Pick<LimitsView, 'settings'>) {
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      {settings.map((s) => (
        <div key={s.setting} className={tableCard}>
          <table className="w-full text-sm" data-testid="limit-group">
            <caption className="px-3 py-2 text-left"><span className="font-mono font-medium">{s.setting}</span>
              <span className="ml-2 text-xs text-slate-500 dark:text-slate-400">{what[s.setting]}</span></caption>
            <thead className={tableHead}><tr><th scope="col" className="px-3 py-2">Value</th><th scope="col" className="px-3 py-2">Hosts</th><th scope="col" className="px-3 py-2">Note</th></tr></thead>
            <tbody>
              {s.groups.length === 0 && <tr><td colSpan={3} className="px-3 py-3 text-slate-500 dark:text-slate-400">No host has reported it yet.</td></tr>}
              {s.groups.map((g) => (
                <tr key={String(g.value)} className={tableRow}>
                  <td className="whitespace-nowrap px-3 py-1.5 tabular-nums font-medium">{g.value === null ? 'unlimited' : formatCount(g.value)}</td>
                  <td className="px-3 py-1.5">
                    <span className="tabular-nums">{g.hosts.length}</span>{' '}
                    <span className="text-xs text-slate-600 dark:text-slate-400">
                      {g.hosts.slice(0, SHOWN).map((h, i) => <span key={h.id}>{i > 0 && ', '}<Link href={`/hosts/${h.id}`} className="hover:underline">{h.name}</Link></span>)}
                      {g.hosts.length > SHOWN && ` and ${g.hosts.length - SHOWN} more`}
                    </span>
                  </td>
                  <td className="px-3 py-1.5 text-xs">
                    {g.default && <span className="mr-1 rounded bg-amber-100 px-1 text-amber-900 dark:bg-amber-900/40 dark:text-amber-200">{g.default}</span>}
                    {g.standsOut && <span className="rounded bg-violet-100 px-1 text-violet-900 dark:bg-violet-900/40 dark:text-violet-200">differs from most hosts</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </div>
  );
}
