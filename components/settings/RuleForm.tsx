'use client';
import { useActionState, useState } from 'react';
import { saveRuleAction } from '@/app/(app)/settings/actions';
import { ruleDimensionTitle } from '@/lib/format';
import { ruleDimensions } from '@/lib/protocol';
import type { FormState } from '@/lib/forms';
import type { RuleValues } from '@/lib/views';
import { ruleLabels, ruleUnit } from './fields';
import { FormStatus } from '../ui/FormStatus';
import { buttonClass, fieldClass } from '../ui/styles';

const caption = 'text-xs text-slate-500 dark:text-slate-400';

/**
 * One rule, edited in the units people think in: percent of a limit, or
 * seconds left. `locked`: why this user may not change rules (the form is
 * shown, disabled).
 */
export function RuleForm({ rule, locked }: { rule?: RuleValues; locked?: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(saveRuleAction, { ok: false });
  const [dimension, setDimension] = useState<string>(rule?.dimension ?? 'inotifyInstances');
  const unit = ruleUnit(dimension);
  const labels = ruleLabels(unit);
  // A level as its rule stores it, in the unit the rule was saved in.
  const saved = ruleUnit(rule?.dimension ?? 'inotifyInstances');
  const show = (v: number | null) => (v === null ? '' : saved === 'percent' ? String(Math.round(v * 1000) / 10) : String(v));
  const idp = rule?.id ?? 'new';
  const bad = (k: string) => (state.fieldErrors?.[k] ? true : undefined);
  return (
    <form action={action} className="px-3 py-2" aria-label={rule ? `Rule ${rule.name}` : 'New rule'}>
      <fieldset disabled={!!locked} title={locked} className="min-w-0 flex flex-wrap items-end gap-2">
        {rule?.id && <input type="hidden" name="id" value={rule.id} />}
        <label className="flex flex-col gap-0.5"><span className={caption}>{labels.name}</span>
          <input name="name" required defaultValue={rule?.name} aria-invalid={bad('name')} className={`${fieldClass} w-56 max-w-full`} /></label>
        <label className="flex flex-col gap-0.5"><span className={caption}>{labels.dimension}</span>
          <select name="dimension" value={dimension} onChange={(e) => setDimension(e.target.value)} className={fieldClass}>
            {ruleDimensions.map((d) => <option key={d} value={d}>{ruleDimensionTitle[d]}</option>)}
          </select></label>
        <label className="flex flex-col gap-0.5"><span className={caption} id={`w-${idp}`}>{labels.warning}</span>
          <input name="warning" inputMode="decimal" defaultValue={show(rule ? rule.warning : 0.8)} aria-labelledby={`w-${idp}`} aria-invalid={bad('warning')} className={`${fieldClass} w-20`} /></label>
        <label className="flex flex-col gap-0.5"><span className={caption} id={`c-${idp}`}>{labels.critical}</span>
          <input name="critical" inputMode="decimal" defaultValue={show(rule ? rule.critical : 0.9)} aria-labelledby={`c-${idp}`} aria-invalid={bad('critical')} className={`${fieldClass} w-20`} /></label>
        <label className="flex flex-col gap-0.5"><span className={caption}>{labels.forSeconds}</span>
          <input name="forSeconds" inputMode="numeric" defaultValue={rule?.forSeconds ?? 0} aria-invalid={bad('forSeconds')} className={`${fieldClass} w-16`} /></label>
        <label className="flex flex-col gap-0.5"><span className={caption}>{labels.hysteresis}</span>
          <input name="hysteresis" inputMode="decimal" defaultValue={String(Math.round((rule?.hysteresis ?? 0.05) * 1000) / 10)} aria-invalid={bad('hysteresis')} className={`${fieldClass} w-16`} /></label>
        <label className="flex flex-col gap-0.5"><span className={caption}>{labels.label}</span>
          <input name="label" defaultValue={rule?.label ?? ''} placeholder="all hosts" aria-invalid={bad('label')} className={`${fieldClass} w-28`} /></label>
        <label className="flex items-center gap-1 pb-1.5 text-sm"><input type="checkbox" name="enabled" defaultChecked={rule?.enabled ?? true} /> on</label>
        <button disabled={pending} className={buttonClass}>{rule ? 'Save' : 'Add rule'}</button>
        <FormStatus state={state} />
      </fieldset>
    </form>
  );
}
