// A migration's SQL, one statement at a time. Citus forwards some DDL (CREATE
// INDEX) to its workers as the text it was given, and a worker refuses a text
// of several statements: each statement goes on its own, in the one transaction.

/** `sql` cut at each top-level `;`: not inside quotes, identifiers, comments or dollar-quoted bodies. */
export function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  const push = (end: number) => {
    const s = sql.slice(start, end).trim();
    // A piece of comments alone is no statement.
    if (s.replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, '').trim()) out.push(s);
  };
  while (i < sql.length) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (c === '-' && next === '-') i = endOf(sql, '\n', i + 2);
    else if (c === '/' && next === '*') i = endOf(sql, '*/', i + 2);
    else if (c === "'" || c === '"') i = endQuoted(sql, c, i + 1);
    else if (c === '$') {
      const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(i))?.[0];
      i = tag ? endOf(sql, tag, i + tag.length) : i + 1;
    } else if (c === ';') {
      push(i);
      start = ++i;
    } else i++;
  }
  push(sql.length);
  return out;
}

/** The index just past the next `close` from `from` (the end of the text if none). */
function endOf(sql: string, close: string, from: number): number {
  const at = sql.indexOf(close, from);
  return at < 0 ? sql.length : at + close.length;
}

/** Past a quoted string or identifier, where a doubled quote stands for itself. */
function endQuoted(sql: string, q: string, from: number): number {
  let i = from;
  for (;;) {
    const at = sql.indexOf(q, i);
    if (at < 0) return sql.length;
    if (sql[at + 1] !== q) return at + 1;
    i = at + 2;
  }
}
