import Link from 'next/link';
import type { Resolution } from '@/lib/history';
import { hostQuery, rangeKeys, type WindowParams } from '@/lib/protocol';
import { smallField as input } from '../ui/styles';

// Long ranges read rollups: say so, since a peak shorter than a bucket shows as the bucket's maximum.
const resolutionNote: Record<Resolution, string> = {
  raw: 'Every report (per-user counts: once a minute).',
  minute: 'Per-minute maxima.',
  hour: 'Per-hour maxima.',
};

const button = 'rounded bg-slate-200 px-2 py-1 dark:bg-slate-700';
const pill = (on: boolean) => `rounded px-2.5 py-1 text-sm ${on ? 'bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900' : 'bg-white text-slate-700 hover:bg-slate-100 dark:bg-slate-800 dark:text-slate-200'}`;

interface Props {
  hostId: string;
  wp: WindowParams;
  from: Date;
  to: Date;
  custom: boolean;
  resolution: Resolution;
  /** The moment the tables below show (for the moment picker's default). */
  shownAt: Date;
}

/** The host page's controls over its charts: the time range, the Y axis, the CSV, the moment to show. */
export function HostRange({ hostId, wp, from, to, custom, resolution, shownAt }: Props) {
  const span = custom ? { from: from.getTime(), to: to.getTime() } : { range: wp.range };
  const stamp = (d: Date) => d.toISOString().replace('T', ' ').slice(0, 19) + ' UTC';
  // The Y axis choice keeps the moment shown: it changes how the charts read, not what they show.
  const moment = wp.at === undefined ? {} : { at: wp.at, ...(wp.peak ? { peak: wp.peak } : {}) };
  return (
    <>
      <div className="flex flex-wrap items-center gap-2">
        <nav aria-label="Time range" className="flex flex-wrap gap-1">
          {rangeKeys.map((k) => (
            <Link key={k} href={hostQuery({ range: k }, wp.y)} aria-current={!custom && k === wp.range ? 'page' : undefined} className={pill(!custom && k === wp.range)}>{k}</Link>
          ))}
        </nav>
        <nav aria-label="Y axis" className="flex flex-wrap items-center gap-1">
          <span className="text-xs text-slate-500 dark:text-slate-400">Y axis</span>
          <Link href={hostQuery({ ...span, ...moment }, 'limit')} aria-current={wp.y === 'limit' ? 'page' : undefined} className={pill(wp.y === 'limit')}>against the limit</Link>
          <Link href={hostQuery({ ...span, ...moment }, 'fit')} aria-current={wp.y === 'fit' ? 'page' : undefined} className={pill(wp.y === 'fit')}>fit to data</Link>
        </nav>
        <a href={`/hosts/${hostId}/export${hostQuery(span, 'limit')}`} className="ml-auto rounded bg-slate-200 px-2.5 py-1 text-sm dark:bg-slate-700" download>Export CSV</a>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <form className="flex flex-wrap items-center gap-1 text-sm" aria-label="Custom range">
          {wp.y === 'fit' && <input type="hidden" name="y" value="fit" />}
          <label className="sr-only" htmlFor="from">From</label>
          <input id="from" type="datetime-local" name="from" className={input} defaultValue={from.toISOString().slice(0, 16)} />
          <span aria-hidden="true">–</span>
          <label className="sr-only" htmlFor="to">To</label>
          <input id="to" type="datetime-local" name="to" className={input} defaultValue={to.toISOString().slice(0, 16)} />
          <button className={button}>Show (UTC)</button>
        </form>
        {custom && <span className="text-sm text-slate-600 dark:text-slate-400">{stamp(from)} – {stamp(to)} · <Link href={hostQuery({ range: '1h' }, wp.y)} className="text-blue-700 underline dark:text-blue-300">back to live</Link></span>}
      </div>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-xs text-slate-500 dark:text-slate-400">
          {resolutionNote[resolution]} Times are UTC. Click a chart to see the processes at that moment; drag across one to zoom in.
        </p>
        <form className="flex flex-wrap items-center gap-1 text-sm" aria-label="Processes at a moment">
          {Object.entries(span).map(([k, v]) => v !== undefined && <input key={k} type="hidden" name={k} value={v} />)}
          {wp.y === 'fit' && <input type="hidden" name="y" value="fit" />}
          <label htmlFor="at" className="text-xs text-slate-500 dark:text-slate-400">Processes at (UTC)</label>
          <input id="at" type="datetime-local" step={1} name="at" defaultValue={shownAt.toISOString().slice(0, 19)} className={input} />
          <button className={button}>Show</button>
        </form>
      </div>
    </>
  );
}
