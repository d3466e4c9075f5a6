import Link from 'next/link';
import { fleetHref, type FleetQuery } from '@/lib/protocol';
import type { FleetGroup } from '@/lib/hosts';

/** A label's heading row in the grouped fleet: its hosts in this view (all pages) and those in trouble. */
export function GroupHeading({ group, q, columns }: { group: FleetGroup; q: FleetQuery; columns: number }) {
  const trouble = ([['critical', group.critical], ['warning', group.warning], ['silent', group.silent]] as const).filter(([, n]) => n > 0);
  return (
    <tr className="border-t border-slate-200 bg-slate-50 dark:border-slate-700 dark:bg-slate-800/60" data-testid="group-heading">
      <th scope="colgroup" colSpan={columns} className="px-2 py-1.5 text-left text-sm">
        {group.label === null ? <span className="font-semibold">no label</span>
          : <Link href={fleetHref(q, { label: group.label, group: undefined })} className="font-semibold text-blue-700 hover:underline dark:text-blue-300">{group.label}</Link>}
        <span className="ml-2 font-normal text-slate-600 dark:text-slate-400">
          {group.total.toLocaleString('en-US')} {group.total === 1 ? 'host' : 'hosts'}
          {trouble.map(([s, n]) => ` · ${n.toLocaleString('en-US')} ${s}`).join('')}
        </span>
      </th>
    </tr>
  );
}
