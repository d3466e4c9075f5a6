import { spawn, spawnSync } from 'node:child_process';
import { Sender } from '../../lib/sim/drive';
import { fleetAt } from './ingest';
import { createToken, freshDatabase } from './servers';
const url = await freshDatabase('headroom_cpu');
const env = { ...process.env, DATABASE_URL: url, HEADROOM_WORKER: '0', PORT: '3951', NEXT_TELEMETRY_DISABLED: '1' };
spawnSync(process.execPath, ['bin/headroom.mjs', 'migrate'], { env, stdio: 'inherit' });
const child = spawn(process.execPath, ['--cpu-prof', '--cpu-prof-dir=/tmp/prof2', 'node_modules/next/dist/bin/next', 'start', '-p', '3951', '-H', '127.0.0.1'], { env, stdio: 'inherit' });
for (;;) { try { if ((await fetch('http://127.0.0.1:3951/api/health')).ok) break; } catch {} await new Promise((r) => setTimeout(r, 300)); }
const sender = new Sender(new URL('http://127.0.0.1:3951'), createToken(env, 'ingest'));
await fleetAt(sender, 3000, 5);
const r = await fleetAt(sender, 3000, 20);
console.log(r.accepted, r.p50, r.p99);
sender.close();
child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
