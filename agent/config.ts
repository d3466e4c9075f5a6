// Flags win over HEADROOM_* environment variables, which win over defaults.
export interface AgentConfig {
  server: string | undefined;
  token: string | undefined;
  interval: number;
  once: boolean;
  print: boolean;
  hostName: string | undefined;
  topProcesses: number;
  procRoot: string;
  cgroupRoot: string;
  dockerSocket: string;
  passwdPath: string;
}

export const usage = `headroom-agent: reports fd and inotify headroom to a Headroom server

  --server URL        server base URL            (HEADROOM_SERVER)
  --token T           ingest token               (HEADROOM_TOKEN)
  --interval SECONDS  seconds between reports    (HEADROOM_INTERVAL, default 15)
  --host-name NAME    name to report             (HEADROOM_HOST_NAME, default hostname)
  --once              send one report and exit
  --print             print the report as JSON and send nothing
  --help              this text`;

export class ConfigError extends Error {}

const flagsWithValue = new Map([
  ['--server', 'server'], ['--token', 'token'], ['--interval', 'interval'], ['--host-name', 'hostName'],
] as const);

export function parseConfig(argv: string[], env: Record<string, string | undefined>): AgentConfig {
  const given: Partial<Record<'server' | 'token' | 'interval' | 'hostName', string>> = {};
  let once = false;
  let print = false;
  for (let i = 0; i < argv.length; i++) {
    const [flag = '', inline] = argv[i]!.split(/=(.*)/s, 2);
    const key = flagsWithValue.get(flag as never);
    if (key) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new ConfigError(`${flag} needs a value`);
      given[key] = value;
    } else if (flag === '--once') once = true;
    else if (flag === '--print') print = true;
    else throw new ConfigError(`unknown option ${argv[i]}`);
  }
  const interval = Number(given.interval ?? env.HEADROOM_INTERVAL ?? 15);
  if (!Number.isInteger(interval) || interval < 1 || interval > 3600) throw new ConfigError('--interval must be a whole number of seconds from 1 to 3600');
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
    topProcesses: 20,
    procRoot: env.HEADROOM_PROC_ROOT ?? '/proc',
    cgroupRoot: env.HEADROOM_CGROUP_ROOT ?? '/sys/fs/cgroup',
    dockerSocket: env.HEADROOM_DOCKER_SOCKET ?? '/var/run/docker.sock',
    passwdPath: '/etc/passwd',
  };
}
