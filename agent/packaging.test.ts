// The packaging says what it needs and no more: the systemd unit's capabilities
// are enough to read every process, and the DaemonSet grants the same.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { report as reportSchema, type Report } from '../lib/protocol';
import { AGENT_NODE_OPTIONS } from './node-flags';
import { agentBundle, startHolder, type Holder } from './testdata/holder';
import { startRunningAgent, stopReceiver } from './testdata/running-agent';

const root = path.resolve(import.meta.dirname, '..');
const unitPath = path.join(root, 'deploy/agent/headroom-agent.service');
const unit = readFileSync(unitPath, 'utf8');
const setting = (key: string) => new RegExp(`^${key}=(.*)$`, 'm').exec(unit)?.[1]?.trim() ?? '';
const capsOf = (line: string) => line.split(/\s+/).map((c) => c.replace(/^CAP_/, '').toLowerCase()).sort();
const unitCaps = capsOf(setting('AmbientCapabilities'));
const dropInPath = path.join(root, 'deploy/agent/headroom-agent.service.d/failure-capture.conf');
const dropIn = readFileSync(dropInPath, 'utf8');

async function printAs(prefix: string[]): Promise<Report> {
  const { stdout } = await promisify(execFile)(prefix[0]!, [...prefix.slice(1), process.execPath, agentBundle, '--print'], { maxBuffer: 16 << 20 });
  return reportSchema.parse(JSON.parse(stdout));
}

describe('systemd unit', () => {
  let holder: Holder;
  beforeAll(async () => {
    holder = await startHolder();
    expect(await holder.inotify(4)).toBe('ok');
  });
  afterAll(() => holder.close());

  it('passes systemd-analyze verify', () => {
    execFileSync('systemd-analyze', ['verify', unitPath]);
  });

  it('runs unprivileged with exactly the capabilities it needs, and no more', () => {
    expect(unitCaps).toEqual(['dac_read_search', 'sys_ptrace']);
    expect(setting('CapabilityBoundingSet')).toBe(setting('AmbientCapabilities'));
    expect(setting('NoNewPrivileges')).toBe('yes');
  });

  it('with those capabilities, a non-root agent sees every process and another user\'s instances', async () => {
    const caps = unitCaps.map((c) => `+${c}`).join(',');
    const asUnit = await printAs(['setpriv', '--reuid=4243', '--regid=4243', '--clear-groups', `--inh-caps=${caps}`, `--ambient-caps=${caps}`]);
    const bare = await printAs(['setpriv', '--reuid=4243', '--regid=4243', '--clear-groups']);
    // As much as root sees (a process may refuse even root: this sandbox's PID 1 does).
    const asRoot = await printAs(['env']);
    expect(asUnit.scan.skipped.denied).toBe(asRoot.scan.skipped.denied);
    expect(asUnit.processes.find((p) => p.pid === holder.pid)).toMatchObject({ euid: 0, inotifyInstances: 1, inotifyWatches: 4 });
    // Without them most fd tables are closed: the capabilities are what makes it work.
    expect(bare.scan.skipped.denied).toBeGreaterThan(asUnit.scan.processes / 2);
  });

  it('without the ptrace check, says the fd links were unreadable instead of reporting no inotify use', async () => {
    // CAP_DAC_READ_SEARCH lists every fd table; reading the links also takes
    // the ptrace check (what AppArmor's docker-default refuses across profiles).
    const listOnly = await printAs(['setpriv', '--reuid=4243', '--regid=4243', '--clear-groups', '--inh-caps=+dac_read_search', '--ambient-caps=+dac_read_search']);
    const asRoot = await printAs(['env']);
    // Every other user's process with open fds, the holder among them.
    expect(listOnly.scan.skipped.denied).toBeGreaterThan(asRoot.scan.skipped.denied + 5);
    expect(listOnly.uids.find((u) => u.uid === 0)).toBeUndefined();
    // Root's processes still lead the fd ranking, marked as unread rather than shown with no instances.
    const flagged = listOnly.processes.filter((p) => p.inotifyUnreadable);
    expect(flagged.length).toBeGreaterThan(0);
    expect(flagged.every((p) => p.euid !== 4243)).toBe(true);
  });
});

describe('systemd drop-in for failure capture', () => {
  afterAll(() => stopReceiver());
  const dropInSetting = (key: string) => new RegExp(`^${key}=(.*)$`, 'm').exec(dropIn)?.[1]?.trim() ?? '';
  const firstCapture = async (caps: string[]) => {
    const spoolDir = mkdtempSync(path.join(os.tmpdir(), 'hr-unit-'));
    chownSync(spoolDir, 4243, 4243);
    const c = caps.map((x) => `+${x}`).join(',');
    const agent = await startRunningAgent({ spoolDir, prefix: ['setpriv', '--reuid=4243', '--regid=4243', '--clear-groups', `--inh-caps=${c}`, `--ambient-caps=${c}`] });
    try {
      return (await agent.next('a first report', () => true)).failures!;
    } finally {
      await agent.stop();
    }
  };

  it('passes systemd-analyze verify beside the unit, adding one capability and tracefs read-write', () => {
    // verify reads the drop-in from the unit's own folder, and warns about any key it does not know.
    const r = spawnSync('systemd-analyze', ['verify', unitPath], { encoding: 'utf8' });
    expect([r.status, r.stderr, r.stdout]).toEqual([0, '', '']);
    expect(capsOf(dropInSetting('AmbientCapabilities'))).toEqual(['dac_override']);
    expect(dropInSetting('CapabilityBoundingSet')).toBe(dropInSetting('AmbientCapabilities'));
    expect(dropInSetting('ReadWritePaths')).toBe('/sys/kernel/tracing');
  });

  it("the unit's own capabilities cannot capture and say so; with the drop-in's added they can", async () => {
    expect(await firstCapture(unitCaps)).toMatchObject({ capture: 'off', reason: 'not-permitted' });
    expect(await firstCapture([...unitCaps, ...capsOf(dropInSetting('AmbientCapabilities'))])).toMatchObject({ capture: 'on', reason: null });
  });
});

describe('Kubernetes DaemonSet', () => {
  const docs = parseAllDocuments(readFileSync(path.join(root, 'deploy/k8s/agent-daemonset.yaml'), 'utf8')).map((d) => d.toJS());
  const ds = docs.find((d) => d.kind === 'DaemonSet');
  const pod = ds.spec.template.spec;
  const agent = pod.containers[0];

  it('runs in the host PID namespace with /proc and /sys read-only', () => {
    expect(pod.hostPID).toBe(true);
    const mounts = Object.fromEntries(agent.volumeMounts.map((m: { mountPath: string; readOnly?: boolean }) => [m.mountPath, m.readOnly ?? false]));
    expect(mounts).toMatchObject({ '/host/proc': true, '/host/sys': true });
    const env = Object.fromEntries(agent.env.map((e: { name: string; value?: string }) => [e.name, e.value]));
    expect(env.HEADROOM_PROC_ROOT).toBe('/host/proc');
    expect(env.HEADROOM_CGROUP_ROOT).toBe('/host/sys/fs/cgroup');
  });

  it('grants the systemd unit\'s capabilities and takes the token from a Secret', () => {
    expect(agent.securityContext.capabilities.drop).toEqual(['ALL']);
    expect(agent.securityContext.capabilities.add.map((c: string) => c.toLowerCase()).sort()).toEqual(unitCaps);
    expect(agent.env.find((e: { name: string }) => e.name === 'HEADROOM_TOKEN').valueFrom.secretKeyRef.name).toBe('headroom-agent');
  });

  it('mounts the node\'s tracefs read-write for failure capture, and the kubelet\'s pod logs read-only for names', () => {
    const mount = (at: string) => agent.volumeMounts.find((m: { mountPath: string }) => m.mountPath === at);
    const volume = (name: string) => pod.volumes.find((v: { name: string }) => v.name === name);
    expect(mount('/sys/kernel/tracing').readOnly ?? false).toBe(false);
    expect(volume(mount('/sys/kernel/tracing').name).hostPath.path).toBe('/sys/kernel/tracing');
    expect(mount('/host/var/log/pods').readOnly).toBe(true);
    expect(volume(mount('/host/var/log/pods').name).hostPath.path).toBe('/var/log/pods');
    expect(volume(mount('/host/var/log/containers').name).hostPath.path).toBe('/var/log/containers');
    const env = Object.fromEntries(agent.env.map((e: { name: string; value?: string }) => [e.name, e.value]));
    expect(env.HEADROOM_POD_LOG_ROOT).toBe('/host/var/log/pods'); // its sibling containers/ is the other mount
    expect(agent.securityContext.appArmorProfile.type).toBe('Unconfined');
  });

  it('names only environment variables the agent reads', () => {
    const source = readFileSync(agentBundle, 'utf8');
    for (const e of agent.env as { name: string }[]) expect(source, e.name).toContain(e.name);
  });
});

describe('agent image', () => {
  it('copies only files that exist, and builds from them', () => {
    const dockerfile = readFileSync(path.join(root, 'deploy/agent/Dockerfile'), 'utf8');
    const copies = [...dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((m) => m[1]!.split(/\s+/));
    expect(copies.length).toBeGreaterThan(3);
    for (const c of copies) expect(existsSync(path.join(root, c)), c).toBe(true);
  });
});

describe('how Node runs the agent', () => {
  it('the unit and the image give Node the options agent/node-flags.ts names, and Node takes them from NODE_OPTIONS', () => {
    expect(readFileSync(path.join(root, 'deploy/agent/headroom-agent.service'), 'utf8')).toContain(`Environment="NODE_OPTIONS=${AGENT_NODE_OPTIONS}"`);
    expect(readFileSync(path.join(root, 'deploy/agent/Dockerfile'), 'utf8')).toContain(`ENV NODE_OPTIONS="${AGENT_NODE_OPTIONS}"`);
    // A flag NODE_OPTIONS does not allow stops Node before the agent starts: this one runs.
    const r = spawnSync(process.execPath, [agentBundle, '--help'], { env: { ...process.env, NODE_OPTIONS: AGENT_NODE_OPTIONS }, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('--server');
  });
});
