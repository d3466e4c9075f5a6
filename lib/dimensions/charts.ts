import { fieldsOf } from './columns';
import { dimensionSpecs, type DimensionKey } from './description';

/** One host-page chart: series are keys of a host series point; a `limit` series is drawn as a reference line. */
export interface DimensionChart {
  title: string;
  dimension: DimensionKey;
  series: { key: string; label: string; color: string; limit?: boolean; unlimited?: boolean }[];
}

/** A chart per dimension, in the description's chart order. */
export const dimensionCharts: DimensionChart[] = [...dimensionSpecs].sort((a, b) => a.chart.order - b.chart.order).map((d) => ({
  title: d.chart.title,
  dimension: d.key,
  series: [{ key: fieldsOf(d.key).used, ...d.chart.used }, { key: fieldsOf(d.key).limit, ...d.chart.limit, limit: true }],
}));
