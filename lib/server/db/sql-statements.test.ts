import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitStatements } from './sql-statements';

describe('a migration cut into statements', () => {
  it('cuts at top-level semicolons only', () => {
    const sql = `-- a comment; not a cut
CREATE TABLE "a;b" (x text DEFAULT 'it''s; fine');
/* block; comment */ INSERT INTO t VALUES ($$body; with $x$ inside$$);
DO $fn$ BEGIN PERFORM 1; END $fn$;
SELECT 1`;
    expect(splitStatements(sql)).toEqual([
      `-- a comment; not a cut\nCREATE TABLE "a;b" (x text DEFAULT 'it''s; fine')`,
      `/* block; comment */ INSERT INTO t VALUES ($$body; with $x$ inside$$)`,
      'DO $fn$ BEGIN PERFORM 1; END $fn$',
      'SELECT 1',
    ]);
  });

  it('drops pieces that are only comments or blank', () => {
    expect(splitStatements('SELECT 1;\n\n-- trailing note\n')).toEqual(['SELECT 1']);
    expect(splitStatements('')).toEqual([]);
  });

  it('keeps every statement of the real history whole, a DO block with its inner semicolons too', () => {
    const dir = path.resolve(import.meta.dirname, '../../../prisma/migrations');
    let blocks = 0;
    for (const d of readdirSync(dir, { withFileTypes: true }).filter((x) => x.isDirectory())) {
      const sql = readFileSync(path.join(dir, d.name, 'migration.sql'), 'utf8');
      const pieces = splitStatements(sql);
      // Each statement ends its line with a semicolon; inside a DO block, lines are not statements.
      let inside = false;
      let ends = 0;
      for (const line of sql.split('\n')) {
        const opensOrCloses = (line.match(/\$\$/g) ?? []).length % 2 === 1;
        if (!inside && /;\s*$/.test(line)) ends++;
        else if (inside && opensOrCloses && /;\s*$/.test(line)) ends++;
        if (opensOrCloses) inside = !inside;
      }
      expect(pieces.length, d.name).toBe(ends);
      for (const p of pieces.filter((x) => x.includes('$$'))) {
        blocks++;
        expect(p, d.name).toMatch(/DO \$\$ BEGIN[\s\S]*END \$\$$/);
      }
    }
    expect(blocks).toBeGreaterThan(0);
  });
});
