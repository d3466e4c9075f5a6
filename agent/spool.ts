// A bounded on-disk queue of reports, oldest first. Every report is written
// here before it is sent, so a crash or a server outage loses nothing that was
// collected. Each entry is written to a temporary name, fsynced, then renamed:
// a power cut leaves either the whole entry or none of it.
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';

const ENTRY = /^(\d{12})\.json$/;

// Read errors that pass on their own: the entry is kept for the next try.
const TRANSIENT = new Set(['EMFILE', 'ENFILE', 'ENOMEM', 'EAGAIN', 'EINTR', 'EBUSY']);

export interface SpoolEntry { seq: number; name: string; body: string }

export function writeDurably(dir: string, name: string, data: string): number {
  const tmp = path.join(dir, `.tmp-${name}`);
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path.join(dir, name));
  // The rename itself is durable only once the folder is synced.
  const dfd = openSync(dir, 'r');
  try {
    fsyncSync(dfd);
  } finally {
    closeSync(dfd);
  }
  return Buffer.byteLength(data);
}

export class Spool {
  private entries: { seq: number; name: string; size: number }[] = [];
  private bytes = 0;
  private lastSeq = 0;
  /** Reports dropped at the cap since this spool was opened (also persisted in the count below). */
  dropped = 0;

  constructor(readonly dir: string, readonly maxBytes: number) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    for (const name of readdirSync(dir)) {
      if (name.startsWith('.tmp-')) rmSync(path.join(dir, name), { force: true }); // a write cut short
      const m = ENTRY.exec(name);
      if (!m) continue;
      const seq = Number(m[1]);
      const size = statSync(path.join(dir, name)).size;
      this.entries.push({ seq, name, size });
      this.bytes += size;
    }
    this.entries.sort((a, b) => a.seq - b.seq);
    const state = this.readState();
    this.dropped = state.dropped;
    // Sequence numbers survive restarts: the larger of the saved high-water mark and the newest entry.
    this.lastSeq = Math.max(state.lastSeq, this.entries.at(-1)?.seq ?? 0);
  }

  private readState(): { lastSeq: number; dropped: number } {
    try {
      const s = JSON.parse(readFileSync(path.join(this.dir, 'state.json'), 'utf8')) as { lastSeq?: unknown; dropped?: unknown };
      return { lastSeq: Number(s.lastSeq) || 0, dropped: Number(s.dropped) || 0 };
    } catch {
      return { lastSeq: 0, dropped: 0 };
    }
  }

  /** The sequence number the next report gets. */
  nextSeq(): number {
    return this.lastSeq + 1;
  }

  get pending(): number {
    return this.entries.length;
  }

  get size(): number {
    return this.bytes;
  }

  /**
   * Drops the oldest entries until `incoming` more bytes fit under the cap.
   * Called before a report is serialized, so the report can carry the count.
   */
  makeRoom(incoming: number): number {
    let dropped = 0;
    while (this.bytes + incoming > this.maxBytes && this.entries.length > 0) {
      const old = this.entries.shift()!;
      rmSync(path.join(this.dir, old.name), { force: true });
      this.bytes -= old.size;
      dropped++;
    }
    this.dropped += dropped;
    return dropped;
  }

  /** Appends a report body under `seq`; the newest entry is kept even when it alone passes the cap. */
  put(seq: number, body: string): void {
    const name = `${String(seq).padStart(12, '0')}.json`;
    const size = writeDurably(this.dir, name, body);
    this.entries.push({ seq, name, size });
    this.bytes += size;
    this.lastSeq = Math.max(this.lastSeq, seq);
    writeDurably(this.dir, 'state.json', JSON.stringify({ lastSeq: this.lastSeq, dropped: this.dropped }));
  }

  /**
   * The oldest entry still on disk. A failure that passes (no file handles
   * left on a host at its limit, no memory) is thrown and the entry stays for
   * the next flush; an entry that cannot be read at all (removed by hand, not
   * a file, unreadable) is dropped and counted, or it would block every
   * report behind it.
   */
  oldest(): SpoolEntry | null {
    for (let e = this.entries[0]; e; e = this.entries[0]) {
      try {
        return { seq: e.seq, name: e.name, body: readFileSync(path.join(this.dir, e.name), 'utf8') };
      } catch (err) {
        if (TRANSIENT.has((err as NodeJS.ErrnoException).code ?? '')) throw err;
        this.remove(e.name);
        this.dropped++;
      }
    }
    return null;
  }

  remove(name: string): void {
    const i = this.entries.findIndex((e) => e.name === name);
    if (i === -1) return;
    const [e] = this.entries.splice(i, 1);
    this.bytes -= e!.size;
    // Recursive: an entry that is not a file (see oldest) goes too.
    rmSync(path.join(this.dir, name), { recursive: true, force: true });
  }
}
