// Drives testdata/holder.py: a process that holds real inotify instances and
// fds, optionally inside a user namespace with lowered limits.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Report } from '../../lib/protocol/report';

export const agentBundle = path.resolve(import.meta.dirname, '../dist/headroom-agent.js');
const script = path.resolve(import.meta.dirname, 'holder.py');

export interface Holder {
  send(line: string): Promise<string>;
  inotify(watches: number): Promise<string>;
  open(n: number): Promise<string>;
  /** Closes the n newest inotify instances. */
  closeInstances(n: number): Promise<string>;
  /** Runs the agent with these arguments inside the holder's namespaces; resolves to its stdout line or failure. */
  agent(...args: string[]): Promise<string>;
  agentReport(...args: string[]): Promise<Report>;
  pid: number;
  /** Ends the holder and everything it holds. */
  close(): void;
}

export interface HolderOptions {
  /** Run as this UID inside a new user namespace where it is root, with these limits. */
  userns?: { uid: number; maxInstances?: number; maxWatches?: number };
  /** `ulimit -n` for the holder (and the agent it runs). */
  nofile?: number;
  /** Run as this UID, in the test's own namespaces. */
  uid?: number;
  /** Run in a user namespace created by root, its UID 0 mapped to `outerUid` on the host. */
  mappedUserns?: { outerUid: number };
}

export interface LineChild { child: ChildProcessWithoutNullStreams; pid: number; send(line: string): Promise<string> }

/**
 * Runs `program` (one that answers each stdin line with one line, and "pid"
 * with "pid N") with the options' namespace, limits and UID.
 */
export async function startLineChild(program: string, o: HolderOptions = {}): Promise<LineChild> {
  const setup: string[] = [];
  if (o.userns?.maxInstances !== undefined) setup.push(`echo ${o.userns.maxInstances} > /proc/sys/user/max_inotify_instances`);
  if (o.userns?.maxWatches !== undefined) setup.push(`echo ${o.userns.maxWatches} > /proc/sys/user/max_inotify_watches`);
  if (o.nofile !== undefined) setup.push(`ulimit -n ${o.nofile}`);
  const shell = [...setup, `exec ${program}`].join(' && ');
  const as = (uid: number) => ['setpriv', `--reuid=${uid}`, `--regid=${uid}`, '--clear-groups'];
  const argv = o.userns
    ? [...as(o.userns.uid), 'unshare', '-U', '-r', 'sh', '-c', shell]
    : [...(o.uid === undefined ? [] : as(o.uid)), 'sh', '-c', shell];
  const child: ChildProcessWithoutNullStreams = spawn(argv[0]!, argv.slice(1), { stdio: 'pipe' });

  let stderr = '';
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const send = async (line: string) => {
    child.stdin.write(line + '\n');
    const next = await lines.next();
    if (next.done) throw new Error(`${program} exited: ${stderr}`);
    return next.value as string;
  };
  return { child, send, pid: Number((await send('pid')).split(' ')[1]) };
}

export async function startHolder(o: HolderOptions = {}): Promise<Holder> {
  const { child, send, pid } = await startLineChild(`python3 -u ${script}`, o);
  if (o.mappedUserns) {
    // The holder unshares itself (keeping its capabilities there), root here writes
    // the maps (unshare(1) would need newuidmap for that), then it becomes UID 0 inside.
    if ((await send('unshare')) !== 'ok') throw new Error('unshare failed');
    writeFileSync(`/proc/${pid}/uid_map`, `0 ${o.mappedUserns.outerUid} 65536\n`);
    writeFileSync(`/proc/${pid}/gid_map`, `0 ${o.mappedUserns.outerUid} 65536\n`);
    if ((await send('become 0')) !== 'ok') throw new Error('setresuid in the namespace failed');
  }
  return {
    send,
    pid,
    inotify: (w) => send(`inotify ${w}`),
    open: (n) => send(`open ${n}`),
    async agentReport(...args: string[]) {
      const out = await send(['agent', process.execPath, agentBundle, '--print', ...args].join(' '));
      if (!out.startsWith('report ')) throw new Error(`agent failed: ${out}`);
      return JSON.parse(out.slice(7)) as Report;
    },
    closeInstances: (n) => send(`close ${n}`),
    close: () => { child.kill('SIGKILL'); },
    agent: (...args: string[]) => send(['agent', process.execPath, agentBundle, ...args].join(' ')),
  };
}
