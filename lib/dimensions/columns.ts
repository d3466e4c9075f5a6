// Where a dimension is stored: its columns in host_state, report and the
// rollups (snake_case, as the migrations have them) and the Prisma fields over them.
import { dimensionKeys, dimensionSpec, type DimensionKey, type DimensionSpec } from './description';

/** host_state and report hold used and limit (host_state a slope too); report_minute and report_hour min, max, last and limit; the chunk tables arrays of the same. */
export function columnsOf(d: Pick<DimensionSpec, 'column'>) {
  const c = d.column;
  return { used: `${c}_used`, limit: `${c}_limit`, slope: `${c}_slope`, min: `${c}_min`, max: `${c}_max`, last: `${c}_last` };
}

export type DimensionColumns = ReturnType<typeof columnsOf>;
/** Each dimension's columns, computed once (the batch writer reads them for every row). */
export const dimensionColumns = Object.fromEntries(dimensionKeys.map((k) => [k, columnsOf(dimensionSpec[k])])) as Record<DimensionKey, DimensionColumns>;

/** The Prisma fields over host_state's used, limit and slope (also the host series' point keys, used and limit). */
export type DimensionField = `${DimensionKey}${'Used' | 'Limit' | 'Slope'}`;
export function fieldsOf<K extends DimensionKey>(k: K) {
  return { used: `${k}Used` as const, limit: `${k}Limit` as const, slope: `${k}Slope` as const };
}
