'use client';
// The labels of a chart's alert bands, drawn in the plot in lanes (lanes.ts) so none overlaps another.
import { DefaultZIndexes, usePlotArea, ZIndexLayer } from 'recharts';
import { labelLanes } from './lanes';

export interface Band { from: number; to: number; kind: 'warning' | 'critical' | 'silence'; label: string }

// A 10 px line is 11 px tall, 15 px with its halo as the browser boxes it; and a pixel spare.
const LANE_PX = 16;
const textClass = {
  warning: 'fill-amber-800 dark:fill-amber-300', critical: 'fill-red-700 dark:fill-red-300', silence: 'fill-slate-600 dark:fill-slate-300',
} as const;

export function BandLabels({ bands, first, last }: { bands: Band[]; first: number; last: number }) {
  const plot = usePlotArea();
  if (!plot) return null;
  const placed = labelLanes(bands, first, last, plot.width);
  // Above the series, as Recharts' own labels are: a curve must not run through the words.
  return (
    <ZIndexLayer zIndex={DefaultZIndexes.label}>
      <g className="band-labels" pointerEvents="none">
        {bands.map((b, i) => {
          const p = placed[i];
          return p && (
            <text key={i} x={plot.x + p.x + 3} y={plot.y + 11 + p.lane * LANE_PX} fontSize={10} data-lane={p.lane}
              className={`${textClass[b.kind]} stroke-white dark:stroke-slate-900`} strokeWidth={2} paintOrder="stroke">{b.label}</text>
          );
        })}
      </g>
    </ZIndexLayer>
  );
}
