// The open health check says up or down, never why: the reason may name hosts and users.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { createDb } from '../server/db/client';
import { checkHealth } from './check-health';

describe('health check', () => {
  it('answers down without the database error, which goes to the log', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const db = createDb(`postgres://secret_user@127.0.0.1:${port}/secret_db`);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(await checkHealth(db)).toEqual({ ok: false, database: 'down' });
      expect(logged.mock.calls.flat().join(' ')).toMatch(/database unreachable/);
    } finally {
      logged.mockRestore();
      await db.$disconnect();
    }
  });

  it('answers down when there is no database to open at all (no DATABASE_URL, no embedded one)', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(await checkHealth(() => { throw new Error('the embedded database is not running in /data/secret'); })).toEqual({ ok: false, database: 'down' });
    } finally {
      logged.mockRestore();
    }
  });
});
