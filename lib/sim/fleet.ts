// A simulated fleet: what N hosts would report at any moment, as a pure
// function of (host, time), so a live run, a backfill and a benchmark all see
// the same fleet. The mix follows what platform teams describe: most hosts
// steady, some leaking slowly, CI runners whose builds take containers and
// inotify instances up and down, and a few that go quiet.
import { randomUUID } from 'node:crypto';
import type { ProcessInfo, Report, UidUsage } from '../protocol';

export type Pattern = 'steady' | 'leak' | 'ci' | 'silent';

export interface SimHost {
  index: number;
  name: string;
  pattern: Pattern;
  /** fs.inotify.max_user_instances: 128 is the kernel default and where BuildKit hosts run out. */
  instanceLimit: number;
  watchLimit: number;
  /** Simulation time (s) at which a silent host stops reporting. */
  silentAfter: number;
}

/** Deterministic noise in [0, 1) from integers: a host's values are reproducible. */
export function noise(...xs: number[]): number {
  let h = 2166136261;
  for (const x of xs) {
    h ^= x | 0;
    h = Math.imul(h, 16777619);
    h ^= h >>> 13;
    h = Math.imul(h, 0x5bd1e995);
    h ^= h >>> 15;
  }
  return (h >>> 0) / 2 ** 32;
}

export function simHost(index: number): SimHost {
  const r = noise(index, 1);
  const pattern: Pattern = r < 0.65 ? 'steady' : r < 0.75 ? 'leak' : r < 0.95 ? 'ci' : 'silent';
  return {
    index,
    name: `${pattern === 'ci' ? 'ci-runner' : 'node'}-${String(index).padStart(5, '0')}`,
    pattern,
    instanceLimit: noise(index, 2) < 0.8 ? 128 : 1024,
    watchLimit: noise(index, 3) < 0.3 ? 8192 : noise(index, 3) < 0.8 ? 65536 : 524288,
    silentAfter: 60 + Math.floor(noise(index, 4) * 600),
  };
}

export function simFleet(n: number): SimHost[] {
  return Array.from({ length: n }, (_, i) => simHost(i));
}

const users: [number, string][] = [[0, 'root'], [101, 'systemd-resolve'], [1000, 'ci'], [1001, 'app'], [1002, 'deploy']];
const commands = ['dockerd', 'containerd', 'buildkitd', 'node', 'java', 'postgres', 'nginx', 'envoy', 'kubelet', 'prometheus',
  'python3', 'redis-server', 'sshd', 'systemd', 'journald', 'rsyslogd', 'vector', 'gitlab-runner', 'go', 'tsserver'];

/** A CI host's build load in [0, 1]: jobs start and finish every few minutes, some hours are busier. */
function ciLoad(h: SimHost, t: number): number {
  const slot = Math.floor(t / 240);
  const phase = (t % 240) / 240;
  const peak = 0.3 + 0.7 * noise(h.index, slot, 5);
  return peak * Math.sin(Math.PI * phase);
}

/**
 * The report host `h` sends at simulation time `t` (seconds since the run's
 * epoch, `epochMs` in wall time), or null once a silent host has gone quiet.
 */
export function simReport(h: SimHost, t: number, epochMs: number, intervalSeconds: number, sequence: number): Report | null {
  if (h.pattern === 'silent' && t >= h.silentAfter) return null;
  const slow = Math.floor(t / 600); // steady values move every ten minutes, not every report
  const load = h.pattern === 'ci' ? ciLoad(h, t) : 0;
  const uids: UidUsage[] = users.map(([uid, user], k) => {
    let instances = 1 + Math.floor(noise(h.index, uid, 6) * 8);
    let watches = 20 + Math.floor(noise(h.index, uid, 7) * 400 + noise(h.index, uid, slow) * 20);
    if (uid === 1000 && h.pattern === 'ci') {
      instances += Math.floor(load * h.instanceLimit * 0.95);
      watches += Math.floor(load * h.watchLimit * 0.5);
    }
    if (uid === 1001 && h.pattern === 'leak') watches = Math.min(h.watchLimit, watches + Math.floor(t / 30));
    return { uid, user, instances: Math.min(instances, h.instanceLimit), watches: Math.min(watches, h.watchLimit) + k };
  });
  const leakFds = h.pattern === 'leak' ? Math.floor(t / 5) % 60_000 : 0;
  const processes: ProcessInfo[] = commands.map((command, k) => {
    const base = 8 + Math.floor(noise(h.index, k, 8) * 300);
    const fds = base + Math.floor(noise(h.index, k, slow, 9) * 10) + (k === 3 ? leakFds : 0) + (k < 3 ? Math.floor(load * 400) : 0);
    return {
      pid: 100 + k * 37 + (h.index % 97), command, euid: users[k % users.length]![0],
      fds, fdLimit: k < 3 ? 1_048_576 : 65_536,
      inotifyInstances: k === 2 ? Math.floor(load * 60) : k % 4 === 0 ? 1 : 0,
      inotifyWatches: k % 4 === 0 ? 10 + Math.floor(noise(h.index, k, 10) * 200) : 0,
      containerId: null,
    };
  }).sort((a, b) => b.fds - a.fds);
  const containers = h.pattern === 'ci' ? Math.round(load * 24) : Math.floor(noise(h.index, 11) * 6);
  const allocated = 2000 + processes.reduce((s, p) => s + p.fds, 0) + Math.floor(noise(h.index, Math.floor(t / 15), 12) * 50);
  return {
    protocolVersion: 1,
    reportId: randomUUID(),
    sequence,
    collectedAt: new Date(epochMs + t * 1000).toISOString(),
    intervalSeconds,
    host: { name: h.name, machineId: null, kernel: '6.1.0-28-amd64', agentVersion: 'sim-1', bootTime: null, labels: [h.pattern === 'ci' ? 'ci' : 'prod', 'simulated'] },
    fds: { allocated, max: 9_223_372_036_854_775_807, nrOpen: 1_048_576 },
    inotify: { maxUserInstances: h.instanceLimit, maxUserWatches: h.watchLimit, maxQueuedEvents: 16384, instancesSource: 'fs.inotify', watchesSource: 'fs.inotify' },
    uids,
    processes,
    daemons: [{ name: 'dockerd', pid: 100 + (h.index % 97), euid: 0, fds: processes[0]!.fds, fdLimit: 1_048_576, version: '27.3.1' }],
    containers: { method: 'docker-api', running: containers, total: containers + 2, buildkitImages: h.pattern === 'ci' ? ['moby/buildkit:v0.21.1'] : [] },
    scan: { processes: 180 + (h.index % 40), skipped: { vanished: 0, denied: 0 }, durationMs: Math.round(200 + noise(h.index, t) * 100) / 10 },
  };
}
