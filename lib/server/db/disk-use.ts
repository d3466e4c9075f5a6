import { lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** Bytes a folder takes on disk, as du counts them (allocated blocks, not file lengths). */
export function diskBytes(dir: string): number {
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    bytes += entry.isDirectory() ? diskBytes(p) : lstatSync(p).blocks * 512;
  }
  return bytes;
}

/** The embedded database's folder (HEADROOM_DATA_DIR) on disk: all of pgdata, and its write-ahead log. */
export function embeddedDiskUse(dataDir: string): { bytes: number; walBytes: number } {
  const pgdata = path.join(dataDir, 'pgdata');
  return { bytes: diskBytes(pgdata), walBytes: diskBytes(path.join(pgdata, 'pg_wal')) };
}
