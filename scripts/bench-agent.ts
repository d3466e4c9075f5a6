// npm run bench:agent — the agent's cost per collection against a minimal C
// scan of the same /proc data, on this machine as it is and under a synthetic
// load of 2,000 processes holding 200,000 fds; then the cost of failure capture
// (scripts/lib/bench-capture.ts). Prints and writes docs/BENCHMARKS.md.
// --capture-only runs the capture part alone, --running-only the running agent beside
// Netdata's apps.plugin; --baseline <bundle> adds an older agent to that part.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { measureCapture, type CaptureRow } from './lib/bench-capture';
import { writeSection } from './lib/bench-doc';
import { kib } from './lib/figures.mjs';
import { describeMachine } from './lib/machine';
import { measureAppsPlugin, measureRunning, type RunningRow } from './lib/bench-running';
import { AGENT_NODE_OPTIONS } from '../agent/node-flags';

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

/** Peak RSS of the real bundled agent doing one collection (GNU time's %M, in KiB), run as packaged (NODE_OPTIONS) or plain. */
function agentPeakRssKb(nodeOptions: string): number {
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, bundle, '--print'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NODE_OPTIONS: nodeOptions } });
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
  const rss = agentPeakRssKb(AGENT_NODE_OPTIONS);
  const plain = agentPeakRssKb('');
  return { label, processes: c.processes, fds: c.fds, c, a, rssMb: rss / 1024, plainMb: plain / 1024, ratio: a.cpuMs / c.cpuMs };
}

async function collectionRows() {
  const scanBin = compile('procscan');
  const rows = [measure('this machine, idle', scanBin)];
  rows.push(await withLoad(compile('load'), () => measure(`+ ${LOAD.processes} processes × ${LOAD.fdsEach} fds`, scanBin)));
  return rows;
}

async function collectionSection(): Promise<void> {
  const rows = await collectionRows();
  const size = statSync(bundle).size;
  const table = [
    '| load | processes | fds | C scan CPU / wall (ms) | agent /proc walk CPU / wall (ms) | ratio | whole collection CPU / wall (ms) | ratio | agent peak RSS, as packaged (plain node) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) =>
      `| ${r.label} | ${r.processes.toLocaleString('en-US')} | ${r.fds.toLocaleString('en-US')} | ${r.c.cpuMs.toFixed(1)} / ${r.c.wallMs.toFixed(1)} | ${r.a.scanCpuMs.toFixed(1)} / ${r.a.scanWallMs.toFixed(1)} | ${(r.a.scanCpuMs / r.c.cpuMs).toFixed(2)}× | ${r.a.cpuMs.toFixed(1)} / ${r.a.wallMs.toFixed(1)} | ${r.ratio.toFixed(2)}× | ${r.rssMb.toFixed(1)} MB (${r.plainMb.toFixed(1)} MB) |`),
  ].join('\n');
  const text = `## Agent collection (\`npm run bench:agent\`)

Machine: ${describeMachine()}. Run ${new Date().toISOString().slice(0, 10)}.

One collection, warm (after 3 collections), median of ${RUNS}: the agent's \`collect()\` in-process
(\`bench/agent-probe.ts\`) against \`bench/procscan.c\` (-O2) reading the same
/proc data. Peak RSS is the bundled agent process doing one collection
(\`/usr/bin/time -f %M node agent/dist/headroom-agent.js --print\`), with
\`NODE_OPTIONS='${AGENT_NODE_OPTIONS}'\` as the unit, the image and the local agent run it
(agent/node-flags.ts), and in brackets plain. The load is
real: \`bench/load.c\` forks the processes and opens the fds. Goals: CPU within
2× the C scan, peak RSS under 60 MB. Bundle: <!-- fig:agent.bundle -->${kib(size)}<!-- /fig -->.

"/proc walk" is the C scan's work (status, every fd link, inotify fdinfo,
limits) and each process's cgroup file, which the C scan does not read (the
agent places every process in its container). "Whole collection" adds what only
the agent does: user names, host identity, command lines of the reported
processes, containers summed and named, BuildKit versions. That part is fixed
per cycle, which is why the idle ratio is higher and the loaded one is not.

${table}`;
  console.log(text);
  writeSection('bench:agent', text);
}

async function captureSection(): Promise<void> {
  const ROUNDS = 5;
  const SECONDS = 5;
  const { rows, others } = await measureCapture(bundle, compile('openloop'), ROUNDS, SECONDS);
  const off = rows.find((r) => r.mode === 'capture off')!;
  const rate = (r: CaptureRow, k: 'okPerCpuSec' | 'okPerSec' | 'failPerCpuSec' | 'failPerSec') =>
    `${Math.round(r[k]).toLocaleString('en-US')}${r === off ? '' : ` (${r[k] >= off[k] ? '+' : ''}${((r[k] / off[k] - 1) * 100).toFixed(1)} %)`}`;
  const cpu = (x: number | null) => (x === null ? '–' : `${x.toFixed(2)} %`);
  const on = rows.find((r) => r.mode === 'capture on')!;
  const addedNs = (k: 'okPerCpuSec' | 'failPerCpuSec') => Math.round(1e9 / on[k] - 1e9 / off[k]);
  const table = [
    '| agent | open + close pairs / CPU s | … / wall s | failing opens / CPU s | … / wall s | agent CPU, successful loop | agent CPU, failing loop |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.mode} | ${rate(r, 'okPerCpuSec')} | ${rate(r, 'okPerSec')} | ${rate(r, 'failPerCpuSec')} | ${rate(r, 'failPerSec')} | ${cpu(r.agentCpuIdle)} | ${cpu(r.agentCpuStorm)} |`),
  ].join('\n');
  const text = `## Failure capture (\`npm run bench:agent\`)

Machine: ${describeMachine()}. Run ${new Date().toISOString().slice(0, 10)}.

\`bench/openloop.c\` (-O2) makes fds as fast as one core lets it for ${SECONDS} s:
\`open("/dev/null")\` and \`close\`, every call a success the in-kernel filter
drops; then with its fd limit at 3, so every \`open\` fails with EMFILE and is
an event for the agent (past the 64 chunks of trace_pipe it reads a second,
the kernel's buffer drops events and the agent counts them). Beside it the
bundled agent runs its loop (\`--interval 5\`, reporting to a local receiver)
with capture off (\`--no-failure-capture\`) and on; "no agent" is the loop
alone. Medians of ${ROUNDS} rounds, the modes interleaved (reversed every other
round). "/ CPU s" divides by the loop's own CPU time (getrusage), which other
work on the machine does not move; "/ wall s" by its run time, which it does.
Agent CPU is its utime + stime over the loop's run, in % of one core,
collections included. Other agents' trace instances present during the
measurements: ${[...new Set(others)].join(', ')} (one with syscall events on
slows every syscall, "off" included).

${table}

With capture on, each open + close pair took ${addedNs('okPerCpuSec')} ns more CPU (any syscall takes
the kernel's slow path while a syscall event is enabled, and each openat's event
is filtered), and each failing open ${addedNs('failPerCpuSec')} ns more (it is written to the buffer).`;
  console.log(text);
  writeSection('bench:agent-capture', text);
}

/** A running agent against its old self (--baseline <bundle>) and Netdata's apps.plugin, idle and under the load. */
async function runningSection(): Promise<void> {
  const at = process.argv.indexOf('--baseline');
  const baseline = at > 0 ? path.resolve(process.argv[at + 1]!) : null;
  const ways = [
    { label: 'agent, as packaged', bundle, nodeOptions: AGENT_NODE_OPTIONS },
    { label: 'agent, plain node', bundle, nodeOptions: '' },
    ...(baseline ? [{ label: 'agent before this change, plain node', bundle: baseline, nodeOptions: '' }] : []),
  ];
  const ROUNDS = 3;
  const CYCLES = 5;
  const rows: { load: string; r: RunningRow[]; apps: Awaited<ReturnType<typeof measureAppsPlugin>> }[] = [];
  const once = async (load: string) => rows.push({ load, r: await measureRunning(ways, ROUNDS, CYCLES), apps: await measureAppsPlugin(CYCLES) });
  await once('this machine, idle');
  const loadBin = compile('load');
  const load = spawn(loadBin, [String(LOAD.processes), String(LOAD.fdsEach), String(LOAD.inotify)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: load.stdout! })[Symbol.asyncIterator]();
  if ((await lines.next()).value !== 'ready') throw new Error('load did not start');
  try {
    await once(`+ ${LOAD.processes} processes × ${LOAD.fdsEach} fds`);
  } finally {
    load.stdin!.end();
    await new Promise((r) => load.once('exit', r));
  }
  const sea = path.join(root, 'agent/dist/headroom-agent');
  let seaSize = 'not built here (npm run build:agent:sea)';
  try { seaSize = `${(statSync(sea).size / 1048576).toFixed(1)} MiB`; } catch { /* not built */ }
  const table = [
    '| load | what runs | peak RSS | CPU per collection (ms) |',
    '| --- | --- | ---: | ---: |',
    ...rows.flatMap(({ load, r, apps }) => [
      ...r.map((x) => `| ${load} | ${x.label} | ${x.peakRssMb.toFixed(1)} MB | ${x.cpuMsPerCycle.toFixed(0)} |`),
      `| ${load} | Netdata apps.plugin | ${apps ? `${apps.peakRssMb.toFixed(1)} MB` : 'not installed'} | ${apps ? apps.cpuMsPerCycle.toFixed(0) : '–'} |`,
    ]),
  ].join('\n');
  const text = `## Running agent beside Netdata's apps.plugin (\`npm run bench:agent\`)

Machine: ${describeMachine()}. Run ${new Date().toISOString().slice(0, 10)}.

The bundled agent reporting to a local receiver every second (\`--interval 1\`,
failure capture off), ${CYCLES} reports after its first: peak RSS is its VmHWM
at the end, CPU its utime + stime from the first report on, divided by the
reports. Medians of ${ROUNDS} runs, the ways interleaved. "As packaged" is
\`NODE_OPTIONS='${AGENT_NODE_OPTIONS}'\`; "before this change" is the agent of the
commit before (fetch for its reports, node:crypto, streams for its output),
given as \`--baseline <bundle>\`. Netdata's apps.plugin (Debian's netdata-core,
found at /usr/lib/netdata/plugins.d or HEADROOM_BENCH_APPS_PLUGIN) walks the
same /proc once a second (\`apps.plugin 1\`) for ${CYCLES} s after 2 s; it
reports per-application fds, not inotify. The single executable: ${seaSize}.

${table}`;
  console.log(text);
  writeSection('bench:agent-running', text);
}

if (process.argv.includes('--running-only')) await runningSection();
else {
  if (!process.argv.includes('--capture-only')) { await collectionSection(); await runningSection(); }
  await captureSection();
}
