// Many rows in one statement with a fixed number of parameters: one array per
// column, unnested on the server. Unlike a VALUES list, the SQL text is the same
// for every batch size (one prepared statement) and never hits the 65,535-parameter cap.

export interface Column { name: string; type: string; values: unknown[] }

/** `unnest($1::uuid[], $2::int[]) AS t(host_id, n)`, with its parameters. */
export function unnestFrom(cols: Column[], alias = 't', firstParam = 1): { sql: string; params: unknown[] } {
  const args = cols.map((c, i) => `$${firstParam + i}::${c.type}[]`).join(', ');
  return { sql: `unnest(${args}) AS ${alias}(${cols.map((c) => c.name).join(', ')})`, params: cols.map((c) => c.values) };
}

export function columnList(cols: Column[]): string {
  return cols.map((c) => c.name).join(', ');
}
