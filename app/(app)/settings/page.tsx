import type { Metadata } from 'next';
import { RuleForm } from '@/components/settings/RuleForm';
import { RuleList } from '@/components/settings/RuleList';
import { ThresholdsForm } from '@/components/settings/ThresholdsForm';
import { LockedNote } from '@/components/ui/FormStatus';
import { requirePageUser } from '@/lib/access';
import { rulesPage } from '@/lib/views';
import { card } from '@/components/ui/styles';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Alert rules' };

export default async function RulesPage() {
  const view = await rulesPage(await requirePageUser());
  return (
    <div className="space-y-6">
      <p className="max-w-3xl text-sm text-slate-600 dark:text-slate-400">
        Levels are a percentage of the limit (inotify, fds), seconds left at the fitted trend (time to exhaustion), or 1 for
        conditions (host silent, watcher-panic risk). An alert resolves only once the value is back past its level by the
        hysteresis. A label limits a rule to hosts that carry it.
      </p>
      <LockedNote reason={view.rulesLocked} />
      <RuleList rules={view.rules} locked={view.rulesLocked} />
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Add a rule</h2>
        <div className={card}><RuleForm locked={view.rulesLocked} /></div>
      </section>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Fleet status levels</h2>
        <p className="max-w-3xl text-sm text-slate-600 dark:text-slate-400">
          What colours a host warning or critical on the fleet page, in the API and in /metrics (its worst dimension against
          these), when it counts as silent (and the host-silent rule fires), and the level at which watcher-panic risk is
          flagged. The alert rules above keep their own levels.
        </p>
        <LockedNote reason={view.levelsLocked} />
        <ThresholdsForm {...view.thresholds} locked={view.levelsLocked} />
      </section>
    </div>
  );
}
