// Flags win over HEADROOM_* environment variables, which win over defaults.

// About 8 µs of CPU per fd, whole walk included (docs/BENCHMARKS.md: 208,599
// fds in 1.6 s): 500,000 is about 4 s, within a 15 s interval.
export const DEFAULT_FD_LINK_BUDGET = 500_000;

export interface AgentConfig {
  server: string | undefined;
  token: string | undefined;
  interval: number;
  once: boolean;
  print: boolean;
  hostName: string | undefined;
  labels: string[];
  topProcesses: number;
  procRoot: string;
  cgroupRoot: string;
  dockerSocket: string;
  passwdPath: string;
  spoolDir: string;
  spoolMaxBytes: number;
  /** Most fd links read per cycle (HEADROOM_FD_LINK_BUDGET): bounds one cycle's work. */
  fdLinkBudget: number;
}

export const usage = `headroom-agent: reports fd and inotify headroom to a Headroom server

  --server URL        server base URL            (HEADROOM_SERVER)
  --token T           ingest token               (HEADROOM_TOKEN)
  --interval SECONDS  seconds between reports    (HEADROOM_INTERVAL, default 15)
  --host-name NAME    name to report             (HEADROOM_HOST_NAME, default hostname)
  --label L           a label for this host, repeatable: ci, region=eu (HEADROOM_LABELS, comma-separated)
  --spool-dir DIR     reports waiting for the server (HEADROOM_SPOOL_DIR,
                      default /var/lib/headroom-agent/spool as root)
  --spool-max-mb MB   spool size cap; oldest dropped first (HEADROOM_SPOOL_MAX_MB, default 50)
  --once              send one report and exit: 0 delivered, 3 kept in the spool, 1 lost
  --print             print the report as JSON and send nothing
  --help              this text`;

export class ConfigError extends Error {}

const flagsWithValue = new Map([
  ['--server', 'server'], ['--token', 'token'], ['--interval', 'interval'], ['--host-name', 'hostName'],
  ['--spool-dir', 'spoolDir'], ['--spool-max-mb', 'spoolMaxMb'],
] as const);

type Given = Partial<Record<'server' | 'token' | 'interval' | 'hostName' | 'spoolDir' | 'spoolMaxMb', string>>;

function defaultSpoolDir(env: Record<string, string | undefined>): string {
  if (process.getuid?.() === 0) return '/var/lib/headroom-agent/spool';
  const state = env.XDG_STATE_HOME ?? `${env.HOME ?? '/tmp'}/.local/state`;
  return `${state}/headroom-agent/spool`;
}

export function parseConfig(argv: string[], env: Record<string, string | undefined>): AgentConfig {
  const given: Given = {};
  let once = false;
  let print = false;
  const labels: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const [flag = '', inline] = argv[i]!.split(/=(.*)/s, 2);
    const key = flagsWithValue.get(flag as never);
    if (key) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new ConfigError(`${flag} needs a value`);
      given[key] = value;
    } else if (flag === '--label') {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new ConfigError('--label needs a value');
      labels.push(value);
    } else if (flag === '--once') once = true;
    else if (flag === '--print') print = true;
    else throw new ConfigError(`unknown option ${argv[i]}`);
  }
  const interval = Number(given.interval ?? env.HEADROOM_INTERVAL ?? 15);
  if (!Number.isInteger(interval) || interval < 1 || interval > 3600) throw new ConfigError('--interval must be a whole number of seconds from 1 to 3600');
  if (labels.length === 0 && env.HEADROOM_LABELS) labels.push(...env.HEADROOM_LABELS.split(',').map((l) => l.trim()).filter(Boolean));
  const badLabel = labels.find((l) => !/^[A-Za-z0-9_.\-/]+(=[A-Za-z0-9_.\-/]*)?$/.test(l) || l.length > 100);
  if (badLabel !== undefined) throw new ConfigError(`label "${badLabel}" is not "name" or "name=value" (letters, digits, _ . - /)`);
  if (labels.length > 20) throw new ConfigError('at most 20 labels');
  const spoolMaxMb = Number(given.spoolMaxMb ?? env.HEADROOM_SPOOL_MAX_MB ?? 50);
  if (!(spoolMaxMb > 0 && spoolMaxMb <= 100_000)) throw new ConfigError('--spool-max-mb must be a positive number of megabytes');
  const server = given.server ?? env.HEADROOM_SERVER;
  const token = given.token ?? env.HEADROOM_TOKEN;
  if (!print && (!server || !token)) throw new ConfigError('--server and --token are required unless --print is given');
  if (server && !/^https?:\/\//.test(server)) throw new ConfigError('--server must be an http:// or https:// URL');
  return {
    server: server?.replace(/\/+$/, ''),
    token,
    interval,
    once: once || print,
    print,
    hostName: given.hostName ?? env.HEADROOM_HOST_NAME,
    labels: [...new Set(labels)],
    topProcesses: 20,
    procRoot: env.HEADROOM_PROC_ROOT ?? '/proc',
    cgroupRoot: env.HEADROOM_CGROUP_ROOT ?? '/sys/fs/cgroup',
    dockerSocket: env.HEADROOM_DOCKER_SOCKET ?? '/var/run/docker.sock',
    passwdPath: '/etc/passwd',
    spoolDir: given.spoolDir ?? env.HEADROOM_SPOOL_DIR ?? defaultSpoolDir(env),
    spoolMaxBytes: Math.round(spoolMaxMb * 1024 * 1024),
    fdLinkBudget: Number(env.HEADROOM_FD_LINK_BUDGET) > 0 ? Number(env.HEADROOM_FD_LINK_BUDGET) : DEFAULT_FD_LINK_BUDGET,
  };
}
