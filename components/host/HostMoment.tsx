import Link from 'next/link';
import { dimensionLabels } from '@/lib/dimensions';
import type { DimensionKey } from '@/lib/protocol';
import type { Shown } from '@/lib/views';
import { ContainerTable } from './ContainerTable';
import { ProcessTable, UidTable } from './ProcessTable';

export const stamp = (d: Date) => d.toISOString().replace('T', ' ').slice(0, 19) + ' UTC';

interface Props {
  shown: Shown;
  /** Set when a moment was asked for (?at=): null shows the latest report. */
  asked: { at: number; peak?: DimensionKey; peakFound: boolean; latestHref: string } | null;
  /** When the report behind the figures at the top was collected. */
  summaryAt: Date | null;
  limit: { instances: number; watches: number };
}

/**
 * Who held what: the latest full report, or the samples nearest a moment
 * picked on a chart. Each table says which report it comes from; the latest
 * full report is stored at most a minute apart from the figures at the top,
 * so the page says when the two differ rather than look as if they disagree.
 */
export function HostMoment({ shown, asked, summaryAt, limit }: Props) {
  const older = !asked && summaryAt && summaryAt.getTime() - shown.at.getTime() >= 1000;
  return (
    <>
      <h2 className="text-lg font-semibold">
        {asked ? <>At {stamp(shown.at)} <Link href={asked.latestHref} className="ml-2 text-sm font-normal text-blue-700 underline dark:text-blue-300">latest</Link>
          {asked.peakFound && asked.peak && (
            <span className="ml-2 text-sm font-normal text-slate-500 dark:text-slate-400">the highest {dimensionLabels[asked.peak].title.toLowerCase()} in the clicked stretch</span>
          )}
          {shown.at.getTime() > asked.at && (
            // hostMoment falls back to the first record after the moment (older ones are past retention).
            <span className="ml-2 text-sm font-normal text-amber-700 dark:text-amber-300">nothing recorded at or before {stamp(new Date(asked.at))}: the first record after it</span>
          )}</>
          : <>Latest report <span className="ml-1 text-sm font-normal text-slate-500 dark:text-slate-400">{stamp(shown.at)}</span></>}
      </h2>
      {older && (
        <p className="-mt-4 text-xs text-slate-600 dark:text-slate-400" data-testid="report-age">
          The figures at the top are from the report of {stamp(summaryAt)}; per-user counts and processes are stored when
          they change, at most once a minute, so these are from the report of {stamp(shown.at)}.
        </p>
      )}
      <UidTable uids={shown.uids} limit={limit} at={shown.uidsAt} />
      <ContainerTable containers={shown.containers} at={shown.processesAt} />
      <ProcessTable processes={shown.processes} at={shown.processesAt} containers={shown.containers} />
    </>
  );
}
