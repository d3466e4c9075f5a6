// The baseline: the rows an ingest run stored, exported and inserted again
// straight into Postgres with COPY (psql \copy) into empty tables with the
// same indexes. Nothing can insert those rows faster on this machine.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const tables = ['report', 'uid_sample', 'process_sample'];

function psql(url: string, command: string): void {
  const r = spawnSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', url, '-c', command], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`psql failed: ${r.stderr}`);
}

/** Rows per second and reports per second COPY achieves for what `url`'s ingest wrote. */
export function copyBaseline(url: string): { rows: number; reports: number; seconds: number } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hr-copy-'));
  try {
    let rows = 0;
    let reports = 0;
    for (const t of tables) {
      psql(url, `\\copy ${t} TO '${dir}/${t}.csv' WITH (FORMAT csv)`);
      psql(url, `DROP TABLE IF EXISTS copy_${t}; CREATE TABLE copy_${t} (LIKE ${t} INCLUDING ALL)`);
    }
    // psql's own \timing: the server's work, not psql's start-up.
    const args = ['-X', '-v', 'ON_ERROR_STOP=1', url, '-c', '\\timing on', ...tables.flatMap((t) => ['-c', `\\copy copy_${t} FROM '${dir}/${t}.csv' WITH (FORMAT csv)`])];
    const out = spawnSync('psql', args, { encoding: 'utf8' });
    if (out.status !== 0) throw new Error(`psql failed: ${out.stderr}`);
    const seconds = [...out.stdout.matchAll(/Time: ([\d.]+) ms/g)].reduce((a, m) => a + Number(m[1]), 0) / 1000;
    const counts = spawnSync('psql', ['-X', '-At', url, '-c', `SELECT ${tables.map((t) => `(SELECT count(*) FROM copy_${t})`).join(', ')}`], { encoding: 'utf8' });
    const n = counts.stdout.trim().split('|').map(Number);
    rows = n.reduce((a, b) => a + b, 0);
    reports = n[0]!;
    for (const t of tables) psql(url, `DROP TABLE copy_${t}`);
    return { rows, reports, seconds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
