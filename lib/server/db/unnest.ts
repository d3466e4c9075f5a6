// Many rows in one statement with a fixed number of parameters: one array per
// column, unnested on the server. Unlike a VALUES list, the SQL text is the same
// for every batch size (one prepared statement) and never hits the 65,535-parameter cap.
// JSON columns travel as one JSON array parameter instead of a jsonb[] array:
// the driver would otherwise escape every character of every document.

export interface Column { name: string; type: string; values: unknown[] }

/** A timestamptz column value from epoch milliseconds. */
export const iso = (ms: number) => new Date(ms).toISOString();

/** A FROM item yielding the columns by name, with its parameters ($firstParam onwards). */
export function unnestFrom(cols: Column[], alias = 't', firstParam = 1): { sql: string; params: unknown[] } {
  const arrays = cols.filter((c) => c.type !== 'jsonb');
  const docs = cols.filter((c) => c.type === 'jsonb');
  const args = arrays.map((c, i) => `$${firstParam + i}::${c.type}[]`).join(', ');
  const json = docs.map((c, i) => `$${firstParam + arrays.length + i}::jsonb -> (u.ord::int - 1) AS ${c.name}`);
  const sql = `(SELECT ${['u.*', ...json].join(', ')} FROM unnest(${args}) WITH ORDINALITY AS u(${[...arrays.map((c) => c.name), 'ord'].join(', ')})) AS ${alias}`;
  return { sql, params: [...arrays.map((c) => c.values), ...docs.map((c) => `[${c.values.join(',')}]`)] };
}

export function columnList(cols: Column[]): string {
  return cols.map((c) => c.name).join(', ');
}
