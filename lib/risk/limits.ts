// The fleet's kernel and daemon limits side by side, pure: each setting's
// values grouped with the hosts that hold them, the kernel's defaults and the
// odd ones out marked, and for each host whose own peak comes near a limit,
// the value to raise it to and the files that do it.

export interface HostLimits {
  id: string;
  name: string;
  instances: number;
  watches: number;
  fileMax: number;
  nrOpen: number;
  daemons: { name: 'dockerd' | 'containerd' | 'buildkitd'; fds: number; fdLimit: number | null }[];
  /** The host's highest counts over the days looked at (worst UID for inotify). */
  peak: { instances: number; watches: number; systemFds: number };
}

export type Setting = 'fs.inotify.max_user_instances' | 'fs.inotify.max_user_watches' | 'fs.file-max' | 'fs.nr_open' | 'LimitNOFILE';

/** The kernel's defaults where they are fixed (max_user_watches is scaled by memory since Linux 5.11; 8,192 before). */
const DEFAULTS: Partial<Record<Setting, { value: number; says: string }>> = {
  'fs.inotify.max_user_instances': { value: 128, says: 'the kernel default' },
  'fs.inotify.max_user_watches': { value: 8192, says: 'the default before Linux 5.11' },
  'fs.nr_open': { value: 1_048_576, says: 'the kernel default' },
};

/** A limit is near once the host's peak passed this share of it; raised, the peak is a quarter of it. */
export const NEAR = 0.5;
const ROOM = 4;
/** fs.file-max at or past this is "no limit" (LONG_MAX on recent kernels). */
const UNLIMITED = 2 ** 62;

export interface ValueGroup { value: number | null; hosts: { id: string; name: string }[]; default: string | null; usual: boolean; standsOut: boolean }
export interface Raise { setting: Setting; unit?: string; now: number | null; peak: number; to: number }
export interface HostRaise { id: string; name: string; raises: Raise[]; sysctl: string | null; dropIns: { path: string; text: string }[] }

const nextPow2 = (n: number) => 2 ** Math.ceil(Math.log2(Math.max(1, n)));

/** Each setting's values, most hosts first; the value most hosts hold is the usual one, the rest stand out (none on a tie). */
export function groupLimits(hosts: HostLimits[]): { setting: Setting; groups: ValueGroup[] }[] {
  const values: [Setting, (h: HostLimits) => (number | null)[]][] = [
    ['fs.inotify.max_user_instances', (h) => [h.instances]],
    ['fs.inotify.max_user_watches', (h) => [h.watches]],
    ['fs.file-max', (h) => [h.fileMax >= UNLIMITED ? null : h.fileMax]],
    ['fs.nr_open', (h) => [h.nrOpen]],
    ['LimitNOFILE', (h) => h.daemons.map((d) => d.fdLimit)],
  ];
  return values.map(([setting, of]) => {
    const by = new Map<number | null, { id: string; name: string }[]>();
    for (const h of hosts) for (const v of new Set(of(h))) by.set(v, [...(by.get(v) ?? []), { id: h.id, name: h.name }]);
    const sorted = [...by].sort((a, b) => b[1].length - a[1].length || (a[0] ?? Infinity) - (b[0] ?? Infinity));
    const d = DEFAULTS[setting];
    // A tie for most hosts has no usual value, so nothing stands out.
    const clear = sorted.length === 1 || (sorted[0]?.[1].length ?? 0) > (sorted[1]?.[1].length ?? 0);
    return {
      setting,
      groups: sorted.map(([value, hs], i) => ({
        value, hosts: hs.sort((a, b) => a.name.localeCompare(b.name)),
        default: d && value === d.value ? d.says : null,
        usual: i === 0 && clear,
        standsOut: i > 0 && clear,
      })),
    };
  });
}

/** The raises a host needs, from its own peaks, and the sysctl.d file and systemd drop-ins that make them. */
export function planRaises(h: HostLimits): HostRaise | null {
  const raises: Raise[] = [];
  const check = (setting: Setting, now: number, peak: number, cap = Infinity) => {
    if (now > 0 && now < UNLIMITED && peak >= now * NEAR) raises.push({ setting, now, peak, to: Math.min(cap, Math.max(now * 2, nextPow2(peak * ROOM))) });
  };
  check('fs.inotify.max_user_instances', h.instances, h.peak.instances);
  check('fs.inotify.max_user_watches', h.watches, h.peak.watches);
  check('fs.file-max', h.fileMax, h.peak.systemFds);
  for (const d of h.daemons) {
    if (d.fdLimit === null || d.fds < d.fdLimit * NEAR) continue;
    const to = Math.max(d.fdLimit * 2, nextPow2(d.fds * ROOM));
    // No soft limit can pass fs.nr_open: that goes up first.
    if (h.nrOpen > 0 && to > h.nrOpen) {
      const first = raises.find((r) => r.setting === 'fs.nr_open');
      if (first) first.to = Math.max(first.to, to);
      else raises.push({ setting: 'fs.nr_open', now: h.nrOpen, peak: d.fds, to });
    }
    raises.push({ setting: 'LimitNOFILE', unit: unitOf[d.name], now: d.fdLimit, peak: d.fds, to });
  }
  if (raises.length === 0) return null;
  const sysctls = raises.filter((r) => r.setting !== 'LimitNOFILE');
  return {
    id: h.id, name: h.name, raises,
    sysctl: sysctls.length
      ? [`# /etc/sysctl.d/90-headroom.conf on ${h.name}: each value a power of two at least 4 times the host's peak (apply: sysctl --system)`, ...sysctls.map((r) => `${r.setting} = ${r.to}`)].join('\n') + '\n'
      : null,
    dropIns: raises.filter((r) => r.setting === 'LimitNOFILE').map((r) => ({
      path: `/etc/systemd/system/${r.unit}.d/90-headroom.conf`,
      text: `# ${r.unit} on ${h.name}: ${r.peak} fds open at its peak (apply: systemctl daemon-reload && systemctl restart ${r.unit})\n[Service]\nLimitNOFILE=${r.to}\n`,
    })),
  };
}

const unitOf: Record<HostLimits['daemons'][number]['name'], string> = { dockerd: 'docker.service', containerd: 'containerd.service', buildkitd: 'buildkit.service' };
