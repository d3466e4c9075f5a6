import { expireSilenceAction } from '@/app/(app)/alerts/actions';
import type { AlertsView } from '@/lib/views';
import { StateForm } from '../ui/StateForm';
import { listCard } from '../ui/styles';

/** The silences in force, each with a button to end it now. */
export function SilenceList({ silences, locked }: AlertsView['silences']) {
  if (silences.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">No active silences.</p>;
  return (
    <ul className={listCard}>
      {silences.map((s) => (
        <li key={s.id} className="flex flex-wrap items-center gap-3 px-3 py-2">
          <span className="font-medium">{s.target}</span>
          <span className="text-slate-600 dark:text-slate-400">until {s.endsAt.toISOString().replace('T', ' ').slice(0, 16)} UTC · {s.reason} · by {s.createdBy}</span>
          <StateForm action={expireSilenceAction} className="ml-auto flex items-center gap-2">
            <input type="hidden" name="silenceId" value={s.id} />
            <button disabled={!!locked} title={locked} className="rounded bg-slate-200 px-2 py-1 text-xs disabled:cursor-not-allowed disabled:opacity-50 dark:bg-slate-700">End now</button>
          </StateForm>
        </li>
      ))}
    </ul>
  );
}
