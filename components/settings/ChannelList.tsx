import { deleteChannelAction, setChannelEnabledAction, setChannelRouteAction } from '@/app/(app)/settings/actions';
import type { ChannelsView } from '@/lib/views';
import { StateForm } from '../ui/StateForm';
import { dangerButton, listCard, smallField } from '../ui/styles';
import { channelLabels as labels } from './fields';
import { SendTestButton } from './ChannelForms';

/** Each channel with its target, what it carries (editable), and buttons to test, pause or resume, and delete it. */
export function ChannelList({ channels, locked }: Pick<ChannelsView, 'channels' | 'locked'>) {
  return (
    <ul className={listCard}>
      {channels.map((c) => (
        <li key={c.id} className="flex flex-wrap items-center gap-3 px-3 py-2">
          <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs uppercase dark:bg-slate-800">{c.kind}</span>
          <span className="font-medium">{c.name}</span>
          {!c.enabled && <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900 dark:bg-amber-900 dark:text-amber-100">paused</span>}
          <span className="truncate font-mono text-xs text-slate-500 dark:text-slate-400">{c.target}</span>
          {c.carries && <span data-testid="carries" className="rounded bg-sky-100 px-1.5 py-0.5 text-xs text-sky-900 dark:bg-sky-900 dark:text-sky-100">{c.carries}</span>}
          <div className="ml-auto flex min-w-0 max-w-full flex-wrap items-center gap-2">
            <StateForm action={setChannelRouteAction} className="flex min-w-0 max-w-full flex-wrap items-center gap-1">
              <input type="hidden" name="id" value={c.id} />
              <label className="sr-only" htmlFor={`carries-${c.id}`}>{labels['route.minSeverity']} ({c.name})</label>
              <select id={`carries-${c.id}`} name="minSeverity" defaultValue={c.route.minSeverity} disabled={!!locked} className={smallField}>
                <option value="warning">warning and critical</option><option value="critical">critical only</option>
              </select>
              <label className="sr-only" htmlFor={`labels-${c.id}`}>{labels['route.labels']} ({c.name})</label>
              <input id={`labels-${c.id}`} name="routeLabels" defaultValue={c.route.labels.join(', ')} placeholder="any host" disabled={!!locked} className={`${smallField} w-28`} />
              <button disabled={!!locked} title={locked} className="rounded bg-slate-200 px-2 py-0.5 text-xs disabled:cursor-not-allowed disabled:opacity-50 dark:bg-slate-700" aria-label={`Save what ${c.name} carries`}>Save</button>
            </StateForm>
            <SendTestButton id={c.id} name={c.name} locked={locked} />
            <StateForm action={setChannelEnabledAction} className="flex items-center gap-2">
              <input type="hidden" name="id" value={c.id} />
              <input type="hidden" name="enabled" value={String(!c.enabled)} />
              <button disabled={!!locked} title={locked} className="rounded px-2 py-1 text-xs hover:bg-slate-100 disabled:cursor-not-allowed disabled:opacity-50 dark:hover:bg-slate-800" aria-label={`${c.enabled ? 'Pause' : 'Resume'} channel ${c.name}`}>{c.enabled ? 'Pause' : 'Resume'}</button>
            </StateForm>
            <StateForm action={deleteChannelAction} className="flex items-center gap-2">
              <input type="hidden" name="id" value={c.id} />
              <button disabled={!!locked} title={locked} className={dangerButton} aria-label={`Delete channel ${c.name}`}>Delete</button>
            </StateForm>
          </div>
        </li>
      ))}
    </ul>
  );
}
