// The cost of failure capture (bench:agent): a program making fds as fast as it
// can, and the agent's own CPU, with a running agent's capture on against off,
// rounds interleaved in one run so the machine's drift hits both alike.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { receiptFor, startHttpServer } from '../../agent/testdata/http-server';

const TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString()) || 100;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const cpuTicks = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(f[11]) + Number(f[12]); // utime, stime
};

export type Mode = 'no agent' | 'capture off' | 'capture on';
export interface CaptureRow {
  mode: Mode;
  /** Loops per second of the loop's own CPU time; and of wall time, which the machine's other load moves. */
  okPerCpuSec: number;
  okPerSec: number;
  failPerCpuSec: number;
  failPerSec: number;
  agentCpuIdle: number | null;
  agentCpuStorm: number | null;
}

async function withAgent<T>(bundle: string, mode: Mode, fn: (pid: number | null) => Promise<T>): Promise<T> {
  if (mode === 'no agent') return fn(null);
  const server = await startHttpServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => { body += d.toString(); });
    req.on('end', () => res.writeHead(202, { 'content-type': 'application/json' }).end(receiptFor(body)));
  });
  const spool = mkdtempSync(path.join(os.tmpdir(), 'hr-bench-capture-'));
  const args = [bundle, '--server', server.url, '--interval', '5', '--spool-dir', spool, ...(mode === 'capture off' ? ['--no-failure-capture'] : [])];
  const agent = spawn(process.execPath, args, { env: { ...process.env, HEADROOM_TOKEN: 'hr_ingest_bench' }, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  agent.stderr.on('data', (d: Buffer) => { log += d.toString(); });
  try {
    while (!log.includes('reporting to')) await new Promise((r) => setTimeout(r, 50));
    if (mode === 'capture on' && !log.includes('failure capture on')) throw new Error(`capture did not start: ${log}`);
    await new Promise((r) => setTimeout(r, 1500)); // past the first collection
    return await fn(agent.pid!);
  } finally {
    agent.kill('SIGTERM');
    await new Promise((r) => agent.once('exit', r));
    await server.close();
    rmSync(spool, { recursive: true, force: true });
  }
}

/** Runs `loop` for `seconds` (successful open+close pairs, or failing opens) and the agent's CPU meanwhile, in % of one core. */
function measure(loop: string, seconds: number, fail: boolean, pid: number | null): { perCpuSec: number; perSec: number; agentCpu: number | null } {
  const t0 = pid === null ? 0 : cpuTicks(pid);
  const w0 = performance.now();
  const [perCpuSec, perSec] = execFileSync(loop, [String(seconds), ...(fail ? ['fail'] : [])]).toString().trim().split(' ').map(Number) as [number, number];
  const wallS = (performance.now() - w0) / 1000;
  return { perCpuSec, perSec, agentCpu: pid === null ? null : ((cpuTicks(pid) - t0) / TICKS / wallS) * 100 };
}

/** Other agents' trace instances: any with syscall events on slows every syscall, "capture off" included. */
export function otherInstances(): number {
  try {
    return readdirSync('/sys/kernel/tracing/instances').filter((n) => n.startsWith('headroom-agent-')).length;
  } catch {
    return 0;
  }
}

export async function measureCapture(bundle: string, loop: string, rounds: number, seconds: number): Promise<{ rows: CaptureRow[]; others: number[] }> {
  const modes: Mode[] = ['no agent', 'capture off', 'capture on'];
  type Samples = Record<'okCpu' | 'ok' | 'failCpu' | 'fail' | 'idle' | 'storm', number[]>;
  const samples = new Map<Mode, Samples>(modes.map((m) => [m, { okCpu: [], ok: [], failCpu: [], fail: [], idle: [], storm: [] }]));
  const others: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const mode of round % 2 ? [...modes].reverse() : modes) {
      await withAgent(bundle, mode, async (pid) => {
        others.push(otherInstances() - (mode === 'capture on' ? 1 : 0));
        const s = samples.get(mode)!;
        const ok = measure(loop, seconds, false, pid);
        const fail = measure(loop, seconds, true, pid);
        s.okCpu.push(ok.perCpuSec);
        s.ok.push(ok.perSec);
        s.failCpu.push(fail.perCpuSec);
        s.fail.push(fail.perSec);
        if (ok.agentCpu !== null) s.idle.push(ok.agentCpu);
        if (fail.agentCpu !== null) s.storm.push(fail.agentCpu);
      });
    }
  }
  const rows = modes.map((mode) => {
    const s = samples.get(mode)!;
    return { mode, okPerCpuSec: median(s.okCpu), okPerSec: median(s.ok), failPerCpuSec: median(s.failCpu), failPerSec: median(s.fail), agentCpuIdle: s.idle.length ? median(s.idle) : null, agentCpuStorm: s.storm.length ? median(s.storm) : null };
  });
  return { rows, others };
}
