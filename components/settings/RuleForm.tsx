'use client';
import { useActionState } from 'react';
import { saveRuleAction } from '@/app/(app)/settings/actions';
import { ruleDimensionTitle } from '@/lib/alerts/describe';
import { ruleDimensions, type RuleDimension } from '@/lib/alerts/rule';
import type { FormState } from '@/lib/server/form';
import { buttonClass, fieldClass, FormStatus } from './FormStatus';

export interface RuleValues {
  id?: string; name: string; dimension: RuleDimension; warning: number | null; critical: number | null;
  forSeconds: number; hysteresis: number; label: string | null; enabled: boolean;
}

const percentDims = new Set(['inotifyInstances', 'inotifyWatches', 'systemFds', 'processFds']);

/** One rule, edited in the units people think in: percent of a limit, or seconds left. */
export function RuleForm({ rule }: { rule?: RuleValues }) {
  const [state, action, pending] = useActionState<FormState, FormData>(saveRuleAction, { ok: false });
  const pct = !rule || percentDims.has(rule.dimension);
  const show = (v: number | null) => (v === null ? '' : pct ? String(Math.round(v * 1000) / 10) : String(v));
  const idp = rule?.id ?? 'new';
  const unit = pct ? '%' : rule?.dimension === 'exhaustion' ? 's left' : '(1 = on)';
  return (
    <form action={action} className="flex flex-wrap items-end gap-2 border-t border-slate-100 px-3 py-2 first:border-t-0 dark:border-slate-800" aria-label={rule ? `Rule ${rule.name}` : 'New rule'}>
      {rule?.id && <input type="hidden" name="id" value={rule.id} />}
      <label className="flex flex-col gap-0.5"><span className="text-xs text-slate-500 dark:text-slate-400">Name</span>
        <input name="name" required defaultValue={rule?.name} className={`${fieldClass} w-56`} /></label>
      <label className="flex flex-col gap-0.5"><span className="text-xs text-slate-500 dark:text-slate-400">Watches</span>
        <select name="dimension" defaultValue={rule?.dimension ?? 'inotifyInstances'} className={fieldClass}>
          {ruleDimensions.map((d) => <option key={d} value={d}>{ruleDimensionTitle[d]}</option>)}
        </select></label>
      <label className="flex flex-col gap-0.5"><span className="text-xs text-slate-500 dark:text-slate-400" id={`w-${idp}`}>Warning {unit}</span>
        <input name="warning" inputMode="decimal" defaultValue={show(rule ? rule.warning : 0.8)} aria-labelledby={`w-${idp}`} className={`${fieldClass} w-20`} /></label>
      <label className="flex flex-col gap-0.5"><span className="text-xs text-slate-500 dark:text-slate-400" id={`c-${idp}`}>Critical {unit}</span>
        <input name="critical" inputMode="decimal" defaultValue={show(rule ? rule.critical : 0.9)} aria-labelledby={`c-${idp}`} className={`${fieldClass} w-20`} /></label>
      <label className="flex flex-col gap-0.5"><span className="text-xs text-slate-500 dark:text-slate-400">For (s)</span>
        <input name="forSeconds" inputMode="numeric" defaultValue={rule?.forSeconds ?? 0} className={`${fieldClass} w-16`} /></label>
      <label className="flex flex-col gap-0.5"><span className="text-xs text-slate-500 dark:text-slate-400">Hysteresis {pct ? 'points' : '%'}</span>
        <input name="hysteresis" inputMode="decimal" defaultValue={String(Math.round((rule?.hysteresis ?? 0.05) * 1000) / 10)} className={`${fieldClass} w-16`} /></label>
      <label className="flex flex-col gap-0.5"><span className="text-xs text-slate-500 dark:text-slate-400">Hosts with label</span>
        <input name="label" defaultValue={rule?.label ?? ''} placeholder="all hosts" className={`${fieldClass} w-28`} /></label>
      <label className="flex items-center gap-1 pb-1.5 text-sm"><input type="checkbox" name="enabled" defaultChecked={rule?.enabled ?? true} /> on</label>
      <button disabled={pending} className={buttonClass}>{rule ? 'Save' : 'Add rule'}</button>
      <FormStatus state={state} />
    </form>
  );
}
