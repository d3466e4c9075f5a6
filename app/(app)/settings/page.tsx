import type { Metadata } from 'next';
import { lockedFor } from '@/lib/views';
import { StateForm } from '@/components/ui/StateForm';
import { LockedNote } from '@/components/ui/FormStatus';
import { RuleForm, type RuleValues } from '@/components/settings/RuleForm';
import { ThresholdsForm } from '@/components/settings/ThresholdsForm';
import { requirePageUser } from '@/lib/access';
import { db } from '@/lib/server/db/client';
import { listRules } from '@/lib/alerts';
import { getThresholds } from '@/lib/settings';
import { deleteRuleAction } from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Alert rules' };

export default async function RulesPage() {
  const [rules, thresholds, me] = await Promise.all([listRules(db()) as Promise<RuleValues[]>, getThresholds(db()), requirePageUser()]);
  const rulesLocked = lockedFor(me.role, 'editor', 'change rules');
  const levelsLocked = lockedFor(me.role, 'admin', 'change the status levels');
  return (
    <div className="space-y-6">
      <p className="max-w-3xl text-sm text-slate-600 dark:text-slate-400">
        Levels are a percentage of the limit (inotify, fds), seconds left at the recent trend (time to exhaustion), or 1 for
        conditions (host silent, watcher-panic risk). An alert resolves only once the value is back past its level by the
        hysteresis. A label limits a rule to hosts that carry it.
      </p>
      <LockedNote reason={rulesLocked} />
      <section className="rounded-lg border border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-900">
        {rules.map((r) => (
          <div key={r.id} className="flex flex-wrap items-end border-t border-slate-100 first:border-t-0 dark:border-slate-800">
            <div className="min-w-0 flex-1"><RuleForm rule={r} locked={rulesLocked} /></div>
            <StateForm action={deleteRuleAction} className="flex items-center gap-2 px-3 py-2">
              <input type="hidden" name="id" value={r.id} />
              <button disabled={!!rulesLocked} title={rulesLocked} className="rounded px-2 py-1.5 text-sm text-red-700 hover:bg-red-50 disabled:cursor-not-allowed disabled:opacity-50 dark:text-red-300 dark:hover:bg-red-950" aria-label={`Delete rule ${r.name}`}>Delete</button>
            </StateForm>
          </div>
        ))}
      </section>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Add a rule</h2>
        <div className="rounded-lg border border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-900"><RuleForm locked={rulesLocked} /></div>
      </section>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Fleet status levels</h2>
        <p className="max-w-3xl text-sm text-slate-600 dark:text-slate-400">
          What colours a host warning or critical on the fleet page, in the API and in /metrics (its worst dimension against
          these), when it counts as silent (and the host-silent rule fires), and the level at which watcher-panic risk is
          flagged. The alert rules above keep their own levels.
        </p>
        <LockedNote reason={levelsLocked} />
        <ThresholdsForm {...thresholds} locked={levelsLocked} />
      </section>
    </div>
  );
}
