// Times the agent's collection in-process, warm, as the agent runs it each interval.
import { collect } from '../agent/collect';
import { scanProcesses } from '../agent/collect/procfs';
import { parseConfig } from '../agent/config';

const runs = Number(process.argv[2] ?? 5);
const cfg = parseConfig(['--print'], process.env);
for (let i = 0; i < 3; i++) await collect(cfg); // warm-up: JIT and caches, as in a long-running agent
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function time(fn: () => unknown): Promise<{ cpuMs: number; wallMs: number }> {
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const w0 = performance.now();
    await fn();
    const c = process.cpuUsage(c0);
    wall.push(performance.now() - w0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { cpuMs: median(cpu), wallMs: median(wall) };
}

// The whole collection, and the /proc walk alone (the part the C reference also does).
const full = await time(() => collect(cfg));
const scan = await time(() => scanProcesses());
console.log(JSON.stringify({ ...full, scanCpuMs: scan.cpuMs, scanWallMs: scan.wallMs }));
