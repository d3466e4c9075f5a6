// A running agent's cost (bench:agent): the bundle reporting to a local
// receiver every second, its peak RSS (VmHWM) and CPU per collection, under
// each way of running it, the ways interleaved in one run.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { receiptFor, startHttpServer } from '../../agent/testdata/http-server';

const TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString()) || 100;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(f[11]) + Number(f[12])) / TICKS) * 1000;
}
const hwmKb = (pid: number) => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);

export interface RunningWay { label: string; bundle: string; nodeOptions: string; execArgv?: string[] }
export interface RunningRow { label: string; peakRssMb: number; cpuMsPerCycle: number; reports: number }

/** `cycles` reports after the first; CPU counted from the first report on, so start-up is not in it. */
async function runOnce(way: RunningWay, cycles: number): Promise<{ hwm: number; cpu: number; reports: number }> {
  let reports = 0;
  let onReport = () => {};
  const server = await startHttpServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => { body += d.toString(); });
    req.on('end', () => { res.writeHead(202, { 'content-type': 'application/json' }).end(receiptFor(body)); reports++; onReport(); });
  });
  const spool = mkdtempSync(path.join(os.tmpdir(), 'hr-bench-running-'));
  const agent = spawn(process.execPath, [...(way.execArgv ?? []), way.bundle, '--server', server.url, '--interval', '1', '--spool-dir', spool, '--no-failure-capture'], {
    env: { ...process.env, HEADROOM_TOKEN: 'hr_ingest_bench', NODE_OPTIONS: way.nodeOptions }, stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  agent.stderr!.on('data', (d: Buffer) => { log = (log + d.toString()).slice(-2000); });
  const exited = new Promise<never>((_, reject) => agent.once('exit', (code) => reject(new Error(`${way.label}: the agent exited (${code}): ${log}`))));
  exited.catch(() => {});
  const reached = (n: number) => Promise.race([exited, new Promise<void>((resolve) => { onReport = () => { if (reports >= n) resolve(); }; onReport(); })]);
  try {
    await reached(1);
    const cpu0 = cpuMs(agent.pid!);
    await reached(1 + cycles);
    return { hwm: hwmKb(agent.pid!), cpu: (cpuMs(agent.pid!) - cpu0) / cycles, reports };
  } finally {
    if (agent.exitCode === null) {
      agent.kill('SIGTERM');
      await new Promise((r) => agent.once('exit', r));
    }
    await server.close();
    rmSync(spool, { recursive: true, force: true });
  }
}

export async function measureRunning(ways: RunningWay[], rounds: number, cycles: number): Promise<RunningRow[]> {
  const samples = new Map(ways.map((w) => [w.label, { hwm: [] as number[], cpu: [] as number[], reports: 0 }]));
  for (let round = 0; round < rounds; round++) {
    for (const way of round % 2 ? [...ways].reverse() : ways) {
      const r = await runOnce(way, cycles);
      const s = samples.get(way.label)!;
      s.hwm.push(r.hwm);
      s.cpu.push(r.cpu);
      s.reports += r.reports;
    }
  }
  return ways.map((w) => {
    const s = samples.get(w.label)!;
    return { label: w.label, peakRssMb: median(s.hwm) / 1024, cpuMsPerCycle: median(s.cpu), reports: s.reports };
  });
}

/** Netdata's apps.plugin walking the same /proc once a second: its peak RSS and CPU per walk (null when it is not installed). */
export async function measureAppsPlugin(seconds: number): Promise<{ peakRssMb: number; cpuMsPerCycle: number; path: string } | null> {
  const candidates = [process.env.HEADROOM_BENCH_APPS_PLUGIN, '/usr/libexec/netdata/plugins.d/apps.plugin', '/usr/lib/netdata/plugins.d/apps.plugin'].filter((p): p is string => !!p);
  const bin = candidates.find((p) => existsSync(p));
  if (!bin) return null;
  const conf = process.env.HEADROOM_BENCH_APPS_PLUGIN_CONF ?? path.join(path.dirname(path.dirname(bin)), 'conf.d');
  // It reads commands on stdin and stops when stdin closes: a pipe held open is its netdata.
  const plugin = spawn(bin, ['1'], { env: { ...process.env, NETDATA_CONFIG_DIR: conf, NETDATA_STOCK_CONFIG_DIR: conf }, stdio: ['pipe', 'ignore', 'ignore'] });
  try {
    await new Promise((r) => setTimeout(r, 2000));
    const cpu0 = cpuMs(plugin.pid!);
    await new Promise((r) => setTimeout(r, seconds * 1000));
    return { peakRssMb: hwmKb(plugin.pid!) / 1024, cpuMsPerCycle: (cpuMs(plugin.pid!) - cpu0) / seconds, path: bin };
  } finally {
    plugin.stdin!.end();
    plugin.kill('SIGTERM');
    await new Promise((r) => plugin.once('exit', r));
  }
}
