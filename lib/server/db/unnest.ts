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

/**
 * How an INSERT's rows travel: `unnest`, one array per column (one statement
 * text whatever the count), or `values`, a VALUES list, which Citus routes
 * straight to each row's shard where it would take unnest's rows through the
 * coordinator and commit them in two phases.
 */
export type RowShape = 'unnest' | 'values';

/** The rows after `INSERT INTO t (columns)`; `expr` wraps a column's value (`x`) where it is stored transformed. */
export function insertSource(cols: Column[], shape: RowShape = 'unnest', expr: Record<string, (x: string) => string> = {}): { sql: string; params: unknown[] } {
  const wrap = (c: Column, x: string) => (expr[c.name] ? expr[c.name]!(x) : x);
  if (shape === 'unnest') {
    const from = unnestFrom(cols);
    return { sql: `SELECT ${cols.map((c) => wrap(c, c.name)).join(', ')} FROM ${from.sql}`, params: from.params };
  }
  const params: unknown[] = [];
  const rows: string[] = [];
  for (let i = 0; i < (cols[0]?.values.length ?? 0); i++) {
    rows.push(`(${cols.map((c) => { params.push(c.values[i]); return wrap(c, `$${params.length}::${c.type}`); }).join(', ')})`);
  }
  return { sql: `VALUES ${rows.join(', ')}`, params };
}
