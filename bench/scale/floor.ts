// The floor: the ceiling of a server that does everything ingest does before
// the database (HTTP, JSON, validation, assessment) and stores nothing,
// measured like the real one (same senders, same machine).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { Sender } from '../../lib/sim/drive';
import { ceiling, type Run } from './ingest';

export async function floorCeiling(port: number, hosts: number, seconds: number, concurrency: number): Promise<Run> {
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', path.join(import.meta.dirname, 'floor-server.ts')], {
    env: { ...process.env, PORT: String(port), NODE_ENV: 'production' }, stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => { if (d.includes('listening')) resolve(); });
      child.once('exit', () => reject(new Error('the floor server exited during start-up')));
    });
    const sender = new Sender(new URL(`http://127.0.0.1:${port}`), 'none');
    const run = await ceiling(sender, hosts, seconds, concurrency);
    sender.close();
    return { ...run, label: `no database (floor), ${concurrency} senders` };
  } finally {
    child.kill('SIGTERM');
  }
}
