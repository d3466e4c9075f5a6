import Link from 'next/link';
import { fleetHref, type FleetQuery } from '@/lib/protocol';
import { fieldClass as field, secondaryButton } from '../ui/styles';


/** A plain GET form: the filters land in the URL, so a view can be shared as a link. */
export function FleetFilters({ q, labels }: { q: FleetQuery; labels: string[] }) {
  return (
    <form role="search" aria-label="Filter hosts" className="flex flex-wrap items-end gap-3 text-sm">
      {q.sort !== 'status' && <input type="hidden" name="sort" value={q.sort} />}
      {q.dir && <input type="hidden" name="dir" value={q.dir} />}
      {q.per !== 50 && <input type="hidden" name="per" value={q.per} />}
      <label className="flex flex-col gap-1"><span className="text-xs text-slate-600 dark:text-slate-400">Search</span>
        <input type="search" name="q" defaultValue={q.q} placeholder="host name…" className={`${field} w-56 max-w-full`} /></label>
      <label className="flex flex-col gap-1"><span className="text-xs text-slate-600 dark:text-slate-400">Status</span>
        <select name="status" defaultValue={q.status ?? ''} className={field}>
          <option value="">any</option><option value="critical">critical</option><option value="warning">warning</option><option value="silent">silent</option><option value="ok">ok</option>
        </select></label>
      <label className="flex flex-col gap-1"><span className="text-xs text-slate-600 dark:text-slate-400">Label</span>
        <select name="label" defaultValue={q.label ?? ''} className={field}>
          <option value="">any</option>{labels.map((l) => <option key={l} value={l}>{l}</option>)}
        </select></label>
      {q.panic && (
        <span className="flex items-center gap-1 self-center rounded bg-red-100 px-2 py-1 text-xs text-red-900 dark:bg-red-950 dark:text-red-200">
          <input type="hidden" name="panic" value={q.panic} />
          watcher-panic risk only <Link href={fleetHref(q, { panic: undefined })} aria-label="Show all hosts, not only those at watcher-panic risk" className="font-bold">×</Link>
        </span>
      )}
      <label className="flex items-center gap-1.5 self-center">
        <input type="checkbox" name="failed" value="1h" defaultChecked={q.failed === '1h'} className="h-4 w-4" />
        Failed in the last hour
      </label>
      <label className="flex items-center gap-1.5 self-center">
        <input type="checkbox" name="group" value="label" defaultChecked={q.group === 'label'} className="h-4 w-4" />
        Group by label
      </label>
      <button className={secondaryButton}>Apply</button>
    </form>
  );
}
