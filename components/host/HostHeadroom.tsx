import { dimensionLabels } from '@/lib/dimensions';
import { describeFullIn, describeRoom, formatDuration } from '@/lib/format';
import { dimensionKeys } from '@/lib/protocol';
import type { HostView } from '@/lib/views';
import { HeadroomBar } from '../ui/HeadroomBar';
import { card } from '../ui/styles';
import { stamp } from './HostMoment';

/** Each dimension's headroom now and when it fills at the fitted trend (the fit on hover), from the latest report. */
export function HostHeadroom({ summary: s, thresholds, summaryAt }: HostView['headroom']) {
  return (
    <>
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        {dimensionKeys.map((k) => (
          <div key={k} className={`${card} p-3`}>
            <div className="mb-1 text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">{dimensionLabels[k].title}</div>
            <HeadroomBar d={s.dimensions[k]} label={dimensionLabels[k].title} t={thresholds} />
            <div className="mt-1 text-xs text-slate-600 dark:text-slate-400">
              {s.status === 'silent' ? 'trend unknown: no recent reports'
                : <span title={describeFullIn(s, k)}>{s.exhaustion[k] === null ? 'not rising' : <>full in <b className="tabular-nums">{formatDuration(s.exhaustion[k])}</b> {s.followsContainers === k ? 'at the container count\'s pace' : 'at the trend'}</>}</span>}
            </div>
          </div>
        ))}
      </div>
      {s.containerRoom && (
        <p className="-mt-3 text-sm" data-testid="container-room">
          <b className="tabular-nums">{s.containersRunning}</b> containers running, {describeRoom(s.containerRoom)}.
        </p>
      )}
      {summaryAt && (
        <p className="-mt-3 text-xs text-slate-500 dark:text-slate-400" data-testid="summary-at">Figures above: from the report of {stamp(summaryAt)}.</p>
      )}
    </>
  );
}
