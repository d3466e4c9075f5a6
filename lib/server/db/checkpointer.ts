// PGlite is Postgres as one single-user backend: no checkpointer, and it never
// checkpoints on its own, so pg_wal kept every byte written (561 MiB for a day of
// 50 simulated hosts). The serving process checkpoints for it, through the socket.
import pg from 'pg';

const MB = 2 ** 20;
/** Start parameters of the embedded database: after a checkpoint Postgres keeps 32–64 MB of log files for reuse. */
export const WAL_START_PARAMS = ['-c', 'max_wal_size=64MB', '-c', 'min_wal_size=32MB'];
/** What pg_wal stays under: max_wal_size, with checkpoints due long before the log reaches it. */
export const WAL_BOUND_BYTES = 64 * MB;
// A checkpoint holds every connection (30–40 ms at 10,000 hosts, 200 on a loaded
// machine): no more often than needed. Polled each second, it comes a few MB late
// at most, short of the 48 MB past a checkpoint that the kept log files hold.
const CHECKPOINT_AFTER_BYTES = 24 * MB;
const POLL_MS = 1000;

const BEHIND = 'SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), redo_lsn)::float8 AS behind FROM pg_control_checkpoint()';

export interface Checkpointer { stop(): Promise<void> }

/** Checkpoints the database at `url` whenever 24 MB of log has built up since the last checkpoint. */
export function startCheckpointer(url: string, log: (msg: string) => void = (m) => console.error(`headroom: ${m}`)): Checkpointer {
  let stopped = false;
  let client: Promise<pg.Client> | null = null;
  const connected = () => (client ??= (async () => {
    const c = new pg.Client({ connectionString: url });
    c.on('error', () => {}); // a dropped connection fails the next query, which reconnects
    await c.connect();
    return c;
  })());
  const disconnect = async () => {
    const c = client;
    client = null;
    await c?.then((x) => x.end()).catch(() => {});
  };
  let wake: () => void = () => {};
  const woken = new Promise<void>((r) => { wake = r; });
  const loop = (async () => {
    let lastError = '';
    while (!stopped) {
      try {
        const c = await connected();
        const { rows } = await c.query<{ behind: number }>(BEHIND);
        if ((rows[0]?.behind ?? 0) >= CHECKPOINT_AFTER_BYTES) await c.query('CHECKPOINT');
        lastError = '';
      } catch (err) {
        const message = (err as Error).message;
        if (!stopped && message !== lastError) log(`embedded database checkpoint failed: ${message}`);
        lastError = message;
        await disconnect();
      }
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([new Promise((r) => { timer = setTimeout(r, POLL_MS); }), woken]);
      clearTimeout(timer);
    }
    await disconnect();
  })();
  return {
    async stop() {
      stopped = true;
      wake();
      await loop;
    },
  };
}
