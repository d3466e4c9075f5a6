import 'server-only';
import { Prisma } from '../server/generated/prisma/client';
import { columnsOf, dimensionSpec, dimensionSpecs, fieldsOf, type DimensionColumns as Columns, type DimensionField, type DimensionKey } from '../dimensions';
import { FORECAST_HORIZON_MS, UNLIMITED } from '../risk';

// The per-dimension SQL of the fleet and host reads, generated from lib/dimensions (host_state is `s`).
const dims = dimensionSpecs.map((d) => ({ key: d.key, c: columnsOf(d), f: fieldsOf(d.key) }));

/** host_state's used, limit and slope of every dimension. */
export const stateColumns = dims.flatMap(({ c }) => [`s.${c.used}`, `s.${c.limit}`, `s.${c.slope}`]).join(', ');

/** The same columns as a Prisma select (the cast holds: an entry for each field). */
export const stateFieldSelect = Object.fromEntries(dims.flatMap(({ f }) => [[f.used, true], [f.limit, true], [f.slope, true]])) as Record<DimensionField, true>;

/** Those columns of a raw row (stateColumns), as the Prisma fields. */
export function stateFields(r: Record<string, unknown>): Record<DimensionField, number> {
  const out = {} as Record<DimensionField, number>;
  for (const { c, f } of dims) {
    out[f.used] = Number(r[c.used] ?? 0);
    out[f.limit] = Number(r[c.limit] ?? 0);
    out[f.slope] = Number(r[c.slope] ?? 0);
  }
  return out;
}

/** fraction() of lib/dimensions: a missing limit is no pressure. */
const fractionOf = (c: Columns) => `CASE WHEN s.${c.limit} > 0 THEN s.${c.used}::float8 / s.${c.limit} ELSE 0 END`;
/** secondsToExhaustion() of lib/risk: none when not rising, without a real limit, or past the horizon. */
const exhaustionOf = (c: Columns) => `CASE WHEN s.${c.slope} > 1e-9 AND s.${c.limit} > 0 AND s.${c.limit} < ${UNLIMITED}
    AND (s.${c.limit} - s.${c.used}) / s.${c.slope} <= ${FORECAST_HORIZON_MS / 1000} THEN GREATEST(0, (s.${c.limit} - s.${c.used}) / s.${c.slope}) END`;

/** The container count's pace filling the room (followCount in host-summary.ts): already null past the horizon. */
const roomExhaustion = `(s.container_room::jsonb ->> 'fullInSeconds')::float8`;

/** The fleet query's name for a dimension's used fraction, to sort on. */
export const fractionColumn = (k: DimensionKey) => `${dimensionSpec[k].column}_f`;

/** Each dimension's used fraction (as fractionColumn) and the soonest time to exhaustion of any (as `exhaustion`). */
export const dimensionSelect = Prisma.raw([
  ...dims.map(({ key, c }) => `${fractionOf(c)} AS ${fractionColumn(key)}`),
  `LEAST(${[...dims.map(({ c }) => exhaustionOf(c)), roomExhaustion].join(', ')}) AS exhaustion`,
].join(',\n        '));
