import { deleteRuleAction } from '@/app/(app)/settings/actions';
import type { RuleValues } from '@/lib/views';
import { StateForm } from '../ui/StateForm';
import { card } from '../ui/styles';
import { RuleForm } from './RuleForm';

/** Every rule as its own form, with a button to delete it. `locked`: why this user may not change rules. */
export function RuleList({ rules, locked }: { rules: RuleValues[]; locked?: string }) {
  return (
    <section className={card}>
      {rules.map((r) => (
        <div key={r.id} className="flex flex-wrap items-end border-t border-slate-100 first:border-t-0 dark:border-slate-800">
          <div className="min-w-0 flex-1"><RuleForm rule={r} locked={locked} /></div>
          <StateForm action={deleteRuleAction} className="flex items-center gap-2 px-3 py-2">
            <input type="hidden" name="id" value={r.id} />
            <button disabled={!!locked} title={locked} className="rounded px-2 py-1.5 text-sm text-red-700 hover:bg-red-50 disabled:cursor-not-allowed disabled:opacity-50 dark:text-red-300 dark:hover:bg-red-950" aria-label={`Delete rule ${r.name}`}>Delete</button>
          </StateForm>
        </div>
      ))}
    </section>
  );
}
