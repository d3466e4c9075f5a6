import { ruleDimensionTitle } from '@/lib/format';
import { ruleDimensions } from '@/lib/protocol';
import type { AlertsView } from '@/lib/views';
import { fieldClass as field, secondaryButton } from '../ui/styles';


/** Narrows the view shown by host name, severity and dimension (a GET form: the filters stay in the URL). */
export function AlertFilters({ filter: f }: { filter: AlertsView['filter'] }) {
  return (
    <form className="flex flex-wrap items-end gap-3 text-sm" role="search" aria-label="Filter alerts">
      <input type="hidden" name="view" value={f.view} />
      <label className="flex flex-col gap-1"><span className="text-xs text-slate-600 dark:text-slate-400">Host</span>
        <input name="host" defaultValue={f.host} placeholder="name contains…" className={field} /></label>
      <label className="flex flex-col gap-1"><span className="text-xs text-slate-600 dark:text-slate-400">Severity</span>
        <select name="severity" defaultValue={f.severity ?? ''} className={field}><option value="">any</option><option value="critical">critical</option><option value="warning">warning</option></select></label>
      <label className="flex flex-col gap-1"><span className="text-xs text-slate-600 dark:text-slate-400">Dimension</span>
        <select name="dimension" defaultValue={f.dimension ?? ''} className={field}><option value="">any</option>
          {ruleDimensions.map((d) => <option key={d} value={d}>{ruleDimensionTitle[d]}</option>)}</select></label>
      <button className={secondaryButton}>Filter</button>
    </form>
  );
}
