// npm run bench:agent — the agent's cost per collection against a minimal C
// scan of the same /proc data, on this machine as it is and under a synthetic
// load of 2,000 processes holding 200,000 fds. Prints and writes docs/BENCHMARKS.md.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { writeSection } from './lib/bench-doc';
import { kib } from './lib/figures.mjs';
import { describeMachine } from './lib/machine';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'bench/out');
const bundle = path.join(root, 'agent/dist/headroom-agent.js');
const RUNS = 9;
const LOAD = { processes: 2000, fdsEach: 100, inotify: 50 };

interface Scan { cpuMs: number; wallMs: number }

function compile(name: string): string {
  mkdirSync(out, { recursive: true });
  const bin = path.join(out, name);
  execFileSync('cc', ['-O2', '-o', bin, path.join(root, `bench/${name}.c`)]);
  return bin;
}

function cScan(bin: string): Scan & { peakRssKb: number; processes: number; fds: number } {
  return JSON.parse(execFileSync(bin, [String(RUNS)]).toString());
}

function agentScan(): Scan & { scanCpuMs: number; scanWallMs: number } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'bench/agent-probe.ts'), String(RUNS)], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!);
}

/** Peak RSS of the real bundled agent doing one collection (GNU time's %M, in KiB). */
function agentPeakRssKb(): number {
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, bundle, '--print'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`/usr/bin/time failed (apt-get install time): ${r.stderr}`);
  return Number(r.stderr.trim().split('\n').at(-1));
}

async function withLoad<T>(bin: string, fn: () => T): Promise<T> {
  const load = spawn(bin, [String(LOAD.processes), String(LOAD.fdsEach), String(LOAD.inotify)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: load.stdout! })[Symbol.asyncIterator]();
  if ((await lines.next()).value !== 'ready') throw new Error('load did not start');
  try {
    return fn();
  } finally {
    load.stdin!.end();
    await new Promise((r) => load.once('exit', r));
  }
}

function measure(label: string, scanBin: string) {
  const c = cScan(scanBin);
  const a = agentScan();
  const rss = agentPeakRssKb();
  return { label, processes: c.processes, fds: c.fds, c, a, rssMb: rss / 1024, ratio: a.cpuMs / c.cpuMs };
}

const scanBin = compile('procscan');
const loadBin = compile('load');
const rows = [measure('this machine, idle', scanBin)];
rows.push(await withLoad(loadBin, () => measure(`+ ${LOAD.processes} processes × ${LOAD.fdsEach} fds`, scanBin)));

const size = statSync(bundle).size;
const table = [
  '| load | processes | fds | C scan CPU / wall (ms) | agent /proc walk CPU / wall (ms) | ratio | whole collection CPU / wall (ms) | ratio | agent peak RSS |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map((r) =>
    `| ${r.label} | ${r.processes.toLocaleString('en-US')} | ${r.fds.toLocaleString('en-US')} | ${r.c.cpuMs.toFixed(1)} / ${r.c.wallMs.toFixed(1)} | ${r.a.scanCpuMs.toFixed(1)} / ${r.a.scanWallMs.toFixed(1)} | ${(r.a.scanCpuMs / r.c.cpuMs).toFixed(2)}× | ${r.a.cpuMs.toFixed(1)} / ${r.a.wallMs.toFixed(1)} | ${r.ratio.toFixed(2)}× | ${r.rssMb.toFixed(1)} MB |`),
].join('\n');
const text = `## Agent collection (\`npm run bench:agent\`)

Machine: ${describeMachine()}. Run ${new Date().toISOString().slice(0, 10)}.

One collection, warm (after 3 collections), median of ${RUNS}: the agent's \`collect()\` in-process
(\`bench/agent-probe.ts\`) against \`bench/procscan.c\` (-O2) reading the same
/proc data. Peak RSS is the bundled agent process doing one collection
(\`/usr/bin/time -f %M node agent/dist/headroom-agent.js --print\`). The load is
real: \`bench/load.c\` forks the processes and opens the fds. Goals: CPU within
2× the C scan, peak RSS under 60 MB. Bundle: <!-- fig:agent.bundle -->${kib(size)}<!-- /fig -->.

"/proc walk" is the same work as the C scan (status, every fd link, inotify
fdinfo, limits). "Whole collection" adds what only the agent does: user names,
host identity, command lines and cgroups of the reported processes, containers,
BuildKit versions. That part is fixed per cycle, which is why the idle ratio is
higher and the loaded one is not.

${table}`;
console.log(text);
writeSection('bench:agent', text);
