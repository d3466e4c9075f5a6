// Flags win over HEADROOM_* environment variables, which win over defaults.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { defaultSpoolFolder, type SpoolFolder } from './spool-folder';

// About 8 µs of CPU per fd, whole walk included (docs/BENCHMARKS.md: 208,599
// fds in 1.6 s): 500,000 is about 4 s, within a 15 s interval.
export const DEFAULT_FD_LINK_BUDGET = 500_000;

export interface AgentConfig {
  server: string | undefined;
  token: string | undefined;
  interval: number;
  once: boolean;
  print: boolean;
  /** Check the way to the server and what the agent can read, print one line a check, send one report. */
  check: boolean;
  hostName: string | undefined;
  labels: string[];
  topProcesses: number;
  procRoot: string;
  cgroupRoot: string;
  dockerSocket: string;
  passwdPath: string;
  spoolDir: string;
  /** Set when spoolDir is the default: the folder older agents used, whose reports it adopts. */
  defaultSpool: SpoolFolder | null;
  spoolMaxBytes: number;
  /** Most fd links read per cycle (HEADROOM_FD_LINK_BUDGET): bounds one cycle's work. */
  fdLinkBudget: number;
  /** Watch tracefs for failed fd and inotify calls (--no-failure-capture, HEADROOM_FAILURE_CAPTURE=0 turn it off). */
  failureCapture: boolean;
  /** HEADROOM_TRACEFS: the tracefs mount to use (or mount); unset: /sys/kernel/tracing, then /sys/kernel/debug/tracing. */
  tracefs: string | undefined;
  /** HEADROOM_TRACE_BUFFER_KB: the trace instance's buffer per CPU. */
  traceBufferKb: number;
  /** HEADROOM_POD_LOG_ROOT: the kubelet's /var/log/pods (its /var/log/containers is the sibling folder). */
  podLogRoot: string;
  /** HEADROOM_CONTAINERD_ROOT: containerd's state folder, whose bundles carry container annotations. */
  containerdRoot: string;
}

export const usage = `headroom-agent: reports fd and inotify headroom to a Headroom server

  --server URL        server base URL            (HEADROOM_SERVER)
  --token T           ingest token               (HEADROOM_TOKEN)
  --interval SECONDS  seconds between reports    (HEADROOM_INTERVAL, default 15)
  --host-name NAME    name to report             (HEADROOM_HOST_NAME, else the first line of
                      the file HEADROOM_HOST_NAME_FILE names, else hostname)
  --label L           a label for this host, repeatable: ci, region=eu (HEADROOM_LABELS, comma-separated)
  --spool-dir DIR     reports waiting for the server (HEADROOM_SPOOL_DIR, default
                      /var/lib/headroom-agent/spool/<host name>-<hash of the server URL> as root)
  --spool-max-mb MB   spool size cap; oldest dropped first (HEADROOM_SPOOL_MAX_MB, default 50)
  --once              send one report and exit: 0 delivered, 3 kept in the spool, 1 lost
  --print             print the report as JSON and send nothing
  --no-failure-capture  do not watch tracefs for failed fd and inotify calls
                      (HEADROOM_FAILURE_CAPTURE=0)
  --check             check the server, the token for this host name, what the agent can
                      read and its spool, one line each (sends one real report); exit 0 if all pass
  --help, -h          this text`;

export class ConfigError extends Error {}

const options = {
  server: { type: 'string' },
  token: { type: 'string' },
  interval: { type: 'string' },
  'host-name': { type: 'string' },
  label: { type: 'string', multiple: true },
  'spool-dir': { type: 'string' },
  'spool-max-mb': { type: 'string' },
  once: { type: 'boolean' },
  print: { type: 'boolean' },
  check: { type: 'boolean' },
  'no-failure-capture': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Edit distance, for "did you mean": a typo is a letter or two away. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

/** The known flag closest to `given`, when it is close enough to be the one meant. */
export function suggestFlag(given: string): string | null {
  const name = given.replace(/^-+/, '').split('=')[0]!;
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const known of Object.keys(options)) {
    const d = known.startsWith(name) && name.length >= 3 ? 0.5 : distance(name, known);
    if (d < bestDistance) [best, bestDistance] = [known, d];
  }
  return best !== null && bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? `--${best}` : null;
}

function parseFlags(argv: string[]) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (err) {
    const e = err as Error & { code?: string };
    const flag = /'(-[^' ]*)/.exec(e.message)?.[1] ?? '';
    if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const hint = suggestFlag(flag);
      throw new ConfigError(`unknown option ${flag}${hint ? ` (did you mean ${hint}?)` : ''}`);
    }
    if (/argument missing|ambiguous/.test(e.message)) throw new ConfigError(`${flag} needs a value (one that starts with a dash is written ${flag}=-…)`);
    throw new ConfigError(e.message.split('\n')[0]!.replace(/\.$/, ''));
  }
}

/** A container's own hostname is its id: the host's, mounted as a file, names the host instead. */
function hostNameFromFile(file: string | undefined): string | undefined {
  if (!file) return undefined;
  let name: string | undefined;
  try {
    name = readFileSync(file, 'utf8').split('\n')[0]!.trim();
  } catch (err) {
    throw new ConfigError(`HEADROOM_HOST_NAME_FILE ${file}: cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  if (!name) throw new ConfigError(`HEADROOM_HOST_NAME_FILE ${file}: its first line is empty`);
  return name;
}

// Kernel memory per CPU, so small: 64 KiB holds about 1,500 failure events until the agent reads them.
const DEFAULT_TRACE_BUFFER_KB = 64;

function traceBufferKb(given: string | undefined): number {
  if (!given) return DEFAULT_TRACE_BUFFER_KB;
  const kb = Number(given);
  if (!Number.isInteger(kb) || kb < 4 || kb > 65_536) throw new ConfigError('HEADROOM_TRACE_BUFFER_KB must be a whole number of KiB from 4 to 65536');
  return kb;
}

export function parseConfig(argv: string[], env: Record<string, string | undefined>): AgentConfig {
  const flags = parseFlags(argv);
  const given = {
    server: flags.server, token: flags.token, interval: flags.interval, hostName: flags['host-name'],
    spoolDir: flags['spool-dir'], spoolMaxMb: flags['spool-max-mb'],
  };
  const once = flags.once ?? false;
  const print = flags.print ?? false;
  const check = flags.check ?? false;
  if (check && (once || print)) throw new ConfigError('--check runs on its own, without --once or --print');
  const labels = [...(flags.label ?? [])];
  const interval = Number(given.interval ?? env.HEADROOM_INTERVAL ?? 15);
  if (!Number.isInteger(interval) || interval < 1 || interval > 3600) throw new ConfigError('--interval must be a whole number of seconds from 1 to 3600');
  if (labels.length === 0 && env.HEADROOM_LABELS) labels.push(...env.HEADROOM_LABELS.split(',').map((l) => l.trim()).filter(Boolean));
  const badLabel = labels.find((l) => !/^[A-Za-z0-9_.\-/]+(=[A-Za-z0-9_.\-/]*)?$/.test(l) || l.length > 100);
  if (badLabel !== undefined) throw new ConfigError(`label "${badLabel}" is not "name" or "name=value" (letters, digits, _ . - /)`);
  if (labels.length > 20) throw new ConfigError('at most 20 labels');
  const spoolMaxMb = Number(given.spoolMaxMb ?? env.HEADROOM_SPOOL_MAX_MB ?? 50);
  if (!(spoolMaxMb > 0 && spoolMaxMb <= 100_000)) throw new ConfigError('--spool-max-mb must be a positive number of megabytes');
  const server = given.server ?? env.HEADROOM_SERVER;
  // A token read from a file (a Kubernetes Secret, an env file) often ends in a newline.
  const token = (given.token ?? env.HEADROOM_TOKEN)?.trim();
  if (!print && server && !token) throw new ConfigError('no token: set HEADROOM_TOKEN (or --token) to an ingest token, made in the dashboard under Settings → API tokens');
  if (!print && (!server || !token)) throw new ConfigError('--server and --token are required unless --print is given');
  if (server && !/^https?:\/\//.test(server)) throw new ConfigError('--server must be an http:// or https:// URL');
  if (server && /^https?:\/\/[^/]*@/.test(server)) throw new ConfigError('--server must not hold a user or password: the token is what the server checks');
  const hostName = given.hostName ?? (env.HEADROOM_HOST_NAME || hostNameFromFile(env.HEADROOM_HOST_NAME_FILE));
  const explicitSpool = given.spoolDir ?? env.HEADROOM_SPOOL_DIR;
  const defaultSpool = explicitSpool || !server ? null : defaultSpoolFolder(env, server.replace(/\/+$/, ''), hostName);
  return {
    server: server?.replace(/\/+$/, ''),
    token,
    interval,
    once: once || print,
    print,
    check,
    hostName,
    labels: [...new Set(labels)],
    topProcesses: 20,
    procRoot: env.HEADROOM_PROC_ROOT ?? '/proc',
    cgroupRoot: env.HEADROOM_CGROUP_ROOT ?? '/sys/fs/cgroup',
    dockerSocket: env.HEADROOM_DOCKER_SOCKET ?? '/var/run/docker.sock',
    passwdPath: '/etc/passwd',
    spoolDir: explicitSpool || (defaultSpool?.dir ?? ''),
    defaultSpool,
    spoolMaxBytes: Math.round(spoolMaxMb * 1024 * 1024),
    fdLinkBudget: Number(env.HEADROOM_FD_LINK_BUDGET) > 0 ? Number(env.HEADROOM_FD_LINK_BUDGET) : DEFAULT_FD_LINK_BUDGET,
    failureCapture: !(flags['no-failure-capture'] ?? false) && !/^(0|false|no|off)$/i.test(env.HEADROOM_FAILURE_CAPTURE ?? ''),
    tracefs: env.HEADROOM_TRACEFS || undefined,
    traceBufferKb: traceBufferKb(env.HEADROOM_TRACE_BUFFER_KB),
    podLogRoot: env.HEADROOM_POD_LOG_ROOT || '/var/log/pods',
    containerdRoot: env.HEADROOM_CONTAINERD_ROOT || '/run/containerd',
  };
}
