// What to raise on this host, and to what, from its own peak: pure, so the host
// page and (later) notifications say the same thing.
import type { Report } from '../protocol';
import { isCrashingBuildkit } from './assess';

export interface Advice { title: string; why: string; commands: string[] }

export interface Peaks {
  inotifyInstances: number; inotifyWatches: number; systemFds: number;
  /** The worst process's fds at its peak in the range, and its soft limit then. */
  processFds: number; processFdsLimit: number;
}

/** Next power of two at or above `n`, at least `min`. */
export function roomFor(n: number, min: number): number {
  let v = min;
  while (v < n) v *= 2;
  return v;
}

const sysctlFile = '/etc/sysctl.d/90-headroom.conf';
const persist = (key: string, value: number) => [`sysctl -w ${key}=${value}`, `echo '${key} = ${value}' | sudo tee -a ${sysctlFile}`];

/** Advice when a limit's peak reached half of it: room for twice the peak. */
export function adviseHost(r: Report, peak: Peaks, buildkitVersions: string[]): Advice[] {
  const out: Advice[] = [];
  const half = (used: number, limit: number) => limit > 0 && used >= limit / 2;
  // First: while the agent is partly blind, every inotify figure below may be low.
  const denied = r.scan.skipped.denied;
  if (denied > 0) {
    out.push({
      title: 'Let the agent read every process',
      why: `The agent could not read the fds of ${denied} process${denied === 1 ? '' : 'es'}, so their inotify use is not in these figures, which may be low. `
        + 'It needs root, or CAP_SYS_PTRACE and CAP_DAC_READ_SEARCH, and an AppArmor or SELinux profile that allows reading other processes (Docker\'s default does not).',
      commands: ['# Docker: --cap-add SYS_PTRACE --cap-add DAC_READ_SEARCH --security-opt apparmor=unconfined',
        '# Kubernetes: securityContext.appArmorProfile: { type: Unconfined } (see deploy/k8s/agent-daemonset.yaml)',
        '# systemd: AmbientCapabilities=CAP_SYS_PTRACE CAP_DAC_READ_SEARCH (see deploy/agent/headroom-agent.service)'],
    });
  }
  const ns = (src: string) => (src === 'user-namespace' ? ' The agent saw a lower per-namespace limit (/proc/sys/user); raise it in that namespace too.' : '');
  if (half(peak.inotifyInstances, r.inotify.maxUserInstances)) {
    const to = roomFor(peak.inotifyInstances * 2, 512);
    out.push({
      title: `Raise fs.inotify.max_user_instances to ${to}`,
      why: `One user peaked at ${peak.inotifyInstances} of ${r.inotify.maxUserInstances} instances. Each containerd shim holds one; at the limit, new watchers (BuildKit, kubelet, kubectl logs -f) fail with EMFILE.${ns(r.inotify.instancesSource)}`,
      commands: persist('fs.inotify.max_user_instances', to),
    });
  }
  if (half(peak.inotifyWatches, r.inotify.maxUserWatches)) {
    const to = roomFor(peak.inotifyWatches * 2, 524_288);
    out.push({
      title: `Raise fs.inotify.max_user_watches to ${to}`,
      why: `One user peaked at ${peak.inotifyWatches} of ${r.inotify.maxUserWatches} watches; adding a watch past the limit fails with ENOSPC.${ns(r.inotify.watchesSource)}`,
      commands: persist('fs.inotify.max_user_watches', to),
    });
  }
  if (half(peak.systemFds, r.fds.max)) {
    const to = roomFor(peak.systemFds * 2, 1_048_576);
    out.push({ title: `Raise fs.file-max to ${to}`, why: `The system peaked at ${peak.systemFds} of ${r.fds.max} file handles; at the limit every open() fails with ENFILE.`, commands: persist('fs.file-max', to) });
  }
  if (half(peak.processFds, peak.processFdsLimit)) {
    const to = Math.min(roomFor(peak.processFds * 2, 65_536), r.fds.nrOpen || Infinity);
    // The peak may belong to a process that has since exited or restarted:
    // name the current worst one only if it is itself near that limit now.
    const worst = [...r.processes, ...r.daemons].filter((p) => p.fdLimit !== null).sort((a, b) => b.fds / b.fdLimit! - a.fds / a.fdLimit!)[0];
    const named = worst && worst.fdLimit === peak.processFdsLimit && half(worst.fds, worst.fdLimit) ? worst : null;
    const name = named && ('command' in named ? named.command.split(' ')[0] : named.name);
    out.push({
      title: name ? `Raise the open-files limit of ${name} to ${to}` : `Raise the open-files limit of the process that peaked to ${to}`,
      why: name
        ? `Its fds peaked at ${peak.processFds} against a soft limit of ${peak.processFdsLimit} (fs.nr_open allows up to ${r.fds.nrOpen}).`
        : `A process peaked at ${peak.processFds} fds against a soft limit of ${peak.processFdsLimit} (fs.nr_open allows up to ${r.fds.nrOpen}); it is not the worst one now. Narrow the range around the peak on the process-fds chart and click it to see which it was.`,
      commands: [`# systemd: LimitNOFILE=${to} in its unit (systemctl edit <unit>)`, `# Docker: --ulimit nofile=${to}:${to}`, `# shell: ulimit -n ${to}`],
    });
  }
  const crashing = buildkitVersions.filter(isCrashingBuildkit);
  if (crashing.length) {
    out.push({
      title: 'Upgrade BuildKit to v0.20.1 or later',
      why: `This host runs BuildKit ${crashing.join(', ')}, which panics (nil pointer in fsnotify) when no inotify instance can be had at start-up. v0.20.1 fixed it.`,
      commands: ['docker buildx create --driver-opt image=moby/buildkit:v0.20.1 --use', '# or pin moby/buildkit:v0.20.1 (or newer) in your CI runner configuration'],
    });
  }
  return out;
}
