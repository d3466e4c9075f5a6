// Per-container sums and names against real cgroups: holders of real inotify
// instances moved into cgroups laid out as Docker, containerd and Kubernetes
// lay them out (cgroup v1 and v2, systemd and cgroupfs drivers), named from a
// fixture /var/log/pods, containerd bundles and a Docker API.
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { report as reportSchema, type ContainerUsage, type Report } from '../../lib/protocol';
import { startFakeDocker } from '../testdata/fake-docker';
import { agentBundle, startHolder, type Holder } from '../testdata/holder';

const hex = (n: number) => n.toString(16).padStart(2, '0').repeat(32);
const uid = (n: number) => `${n}c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f`;
const systemdUid = (u: string) => u.replace(/-/g, '_');

async function agentPrint(env: Record<string, string>): Promise<Report> {
  const { stdout } = await promisify(execFile)(process.execPath, [agentBundle, '--print'], { env: { ...process.env, ...env }, maxBuffer: 16 << 20 });
  return reportSchema.parse(JSON.parse(stdout));
}

/** Children first; a cgroup can go once the kernel has seen its processes exit. */
async function removeCgroup(dir: string): Promise<void> {
  for (const kid of readdirSync(dir, { withFileTypes: true })) if (kid.isDirectory()) await removeCgroup(path.join(dir, kid.name));
  for (let i = 0; ; i++) {
    try {
      rmdirSync(dir);
      return;
    } catch (err) {
      if (i >= 50) throw err;
      await new Promise((res) => setTimeout(res, 50));
    }
  }
}

interface Placed { id: string; holder: Holder; tree: 'v1' | 'v2'; cgroup: string; instances: number; watches: number }

describe('containers and pods on real cgroups', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'hr-bycont-'));
  const v1 = path.join(tmp, 'v1');
  const v2 = path.join(tmp, 'v2');
  const top = `hr-test-${process.pid}`; // every v2 directory of this test sits below it
  const placed: Placed[] = [];
  const others: ChildProcess[] = [];
  let docker: Awaited<ReturnType<typeof startFakeDocker>>;
  let r: Report;
  const row = (id: string): ContainerUsage => r.byContainer!.containers.find((c) => c.id === id)!;

  const A = { id: hex(0xa1), sandbox: hex(0xa0), uid: uid(1) }; // cgroupfs v1, one container in its pod
  const B = { id: hex(0xb1), uid: uid(2) }; // systemd v1, named by /var/log/containers
  const C = { id: hex(0xc1), uid: uid(3) }; // systemd v2, named by a dockershim log link
  const F = { id: hex(0xf1), uid: uid(4) }; // cgroupfs v2, two containers, none matched
  const K = { id: hex(0x61), uid: uid(5) }; // cgroupfs v2, named by containerd's CRI annotations
  const D = hex(0xd1); // Docker, cgroupfs v1
  const E = hex(0xe1); // Docker, systemd v2, a compose project
  const N = hex(0x71); // nerdctl, systemd v2

  function cgroup(tree: 'v1' | 'v2', rel: string): string {
    const dir = path.join(tree === 'v1' ? v1 : path.join(v2, top), rel);
    mkdirSync(dir, { recursive: true });
    return dir;
  }
  async function place(id: string, tree: 'v1' | 'v2', rel: string, instances: number, watches: number) {
    const dir = cgroup(tree, rel);
    const holder = await startHolder();
    for (let i = 0; i < instances; i++) expect(await holder.inotify(i === 0 ? watches : 0)).toBe('ok');
    writeFileSync(path.join(dir, 'cgroup.procs'), String(holder.pid));
    placed.push({ id, holder, tree, cgroup: dir, instances, watches });
  }

  beforeAll(async () => {
    mkdirSync(v1);
    mkdirSync(v2);
    execFileSync('mount', ['-t', 'cgroup', '-o', `none,name=hrbc${process.pid}`, 'cgroup', v1]);
    execFileSync('mount', ['-t', 'cgroup2', 'cgroup2', v2]); // the machine's one v2 hierarchy, seen here too

    await place(A.id, 'v1', `kubepods/besteffort/pod${A.uid}/${A.id}`, 3, 4);
    await place(B.id, 'v1', `kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod${systemdUid(B.uid)}.slice/cri-containerd-${B.id}.scope`, 2, 1);
    await place(C.id, 'v2', `kubepods.slice/kubepods-pod${systemdUid(C.uid)}.slice/cri-containerd-${C.id}.scope`, 1, 7);
    await place(F.id, 'v2', `kubepods/burstable/pod${F.uid}/${F.id}`, 1, 0);
    await place(K.id, 'v2', `kubepods/pod${K.uid}/${K.id}`, 1, 2);
    await place(D, 'v1', `docker/${D}`, 5, 1);
    await place(E, 'v2', `system.slice/docker-${E}.scope`, 4, 3);
    await place(N, 'v2', `system.slice/nerdctl-${N}.scope`, 1, 1);
    // The pod's sandbox: a process named pause in a container of its own in pod A.
    const pauseBin = path.join(tmp, 'pause');
    copyFileSync('/bin/sleep', pauseBin);
    const pause = spawn(pauseBin, ['600'], { stdio: 'ignore' });
    others.push(pause);
    writeFileSync(path.join(cgroup('v1', `kubepods/besteffort/pod${A.uid}/${A.sandbox}`), 'cgroup.procs'), String(pause.pid));

    const logs = path.join(tmp, 'log');
    const pod = (ns: string, name: string, u: string, containers: string[]) => {
      for (const c of containers) {
        mkdirSync(path.join(logs, 'pods', `${ns}_${name}_${u}`, c), { recursive: true });
        writeFileSync(path.join(logs, 'pods', `${ns}_${name}_${u}`, c, '0.log'), '');
      }
    };
    pod('ci', 'buildkit-0', A.uid, ['buildkitd']);
    pod('shop', 'api-7d9', B.uid, ['app', 'sidecar']);
    pod('web', 'front-1', C.uid, ['nginx', 'exporter']);
    pod('batch', 'job-x', F.uid, ['one', 'two']);
    mkdirSync(path.join(logs, 'containers'));
    symlinkSync(`/var/log/pods/shop_api-7d9_${B.uid}/sidecar/0.log`, path.join(logs, 'containers', `api-7d9_shop_sidecar-${B.id}.log`));
    const linked = path.join(logs, 'pods', `web_front-1_${C.uid}`, 'exporter', '1.log');
    symlinkSync(`/var/lib/docker/containers/${C.id}/${C.id}-json.log`, linked);

    const tasks = path.join(tmp, 'run/containerd/io.containerd.runtime.v2.task');
    const bundle = (ns: string, id: string, annotations: Record<string, string>) => {
      mkdirSync(path.join(tasks, ns, id), { recursive: true });
      writeFileSync(path.join(tasks, ns, id, 'config.json'), JSON.stringify({ ociVersion: '1.1.0', annotations }));
    };
    bundle('k8s.io', K.id, {
      'io.kubernetes.cri.container-type': 'container', 'io.kubernetes.cri.container-name': 'kubelet-plugin',
      'io.kubernetes.cri.sandbox-name': 'csi-node-abc', 'io.kubernetes.cri.sandbox-namespace': 'kube-system',
      'io.kubernetes.cri.sandbox-uid': K.uid, 'io.kubernetes.cri.image-name': 'registry.k8s.io/csi:v2',
    });
    bundle('default', N, { 'nerdctl/name': 'shop-web-1', 'com.docker.compose.project': 'shop' });

    docker = await startFakeDocker([
      { Id: D, Image: 'moby/buildkit:v0.20.0', State: 'running', Names: ['/buildx_buildkit_builder0'], Labels: {} },
      { Id: E, Image: 'postgres:16', State: 'running', Names: ['/headroom-db-1'], Labels: { 'com.docker.compose.project': 'headroom' } },
    ]);
    r = await agentPrint({
      HEADROOM_DOCKER_SOCKET: docker.socket,
      HEADROOM_POD_LOG_ROOT: path.join(logs, 'pods'),
      HEADROOM_CONTAINERD_ROOT: path.join(tmp, 'run/containerd'),
    });
  });

  afterAll(async () => {
    for (const p of placed) p.holder.close();
    for (const o of others) o.kill('SIGKILL');
    await docker?.close();
    for (const kid of readdirSync(v1, { withFileTypes: true })) if (kid.isDirectory()) await removeCgroup(path.join(v1, kid.name));
    await removeCgroup(path.join(v2, top));
    for (const m of [v1, v2]) execFileSync('umount', [m]);
    rmSync(tmp, { recursive: true, force: true });
  });

  it('sums each container\'s processes, instances, watches and fds', () => {
    for (const p of placed) {
      const fds = readdirSync(`/proc/${p.holder.pid}/fd`).length;
      expect(row(p.id), p.cgroup).toMatchObject({ processes: 1, instances: p.instances, watches: p.watches, fds, unreadable: 0 });
    }
  });

  it('names Kubernetes pods from /var/log/pods by the pod UID in the cgroup path, and their containers where the logs tell', () => {
    expect(row(A.id)).toMatchObject({ runtime: null, name: 'buildkitd', pod: { namespace: 'ci', name: 'buildkit-0', uid: A.uid, container: 'buildkitd' } });
    // The pod's sandbox (pause) is not its one container.
    expect(row(A.sandbox)).toMatchObject({ processes: 1, instances: 0, pod: { namespace: 'ci', name: 'buildkit-0', container: null }, name: null });
    expect(row(B.id)).toMatchObject({ runtime: 'containerd', name: 'sidecar', pod: { namespace: 'shop', name: 'api-7d9', uid: B.uid, container: 'sidecar' } });
    expect(row(C.id)).toMatchObject({ runtime: 'containerd', name: 'exporter', pod: { namespace: 'web', name: 'front-1', container: 'exporter' } });
    expect(row(F.id)).toMatchObject({ name: null, pod: { namespace: 'batch', name: 'job-x', uid: F.uid, container: null } });
  });

  it('names containers from containerd\'s bundle annotations (CRI and nerdctl) and from Docker\'s API', () => {
    expect(row(K.id)).toMatchObject({ runtime: 'containerd', name: 'kubelet-plugin', image: 'registry.k8s.io/csi:v2', pod: { namespace: 'kube-system', name: 'csi-node-abc', uid: K.uid, container: 'kubelet-plugin' } });
    expect(row(N)).toMatchObject({ runtime: 'containerd', name: 'shop-web-1', composeProject: 'shop', pod: null });
    expect(row(D)).toMatchObject({ runtime: 'docker', name: 'buildx_buildkit_builder0', image: 'moby/buildkit:v0.20.0', composeProject: null, pod: null });
    expect(row(E)).toMatchObject({ runtime: 'docker', name: 'headroom-db-1', image: 'postgres:16', composeProject: 'headroom' });
  });

  it('ranks containers by inotify instances, and the top processes carry their container id', () => {
    const ids = r.byContainer!.containers.map((c) => c.id);
    expect(ids.indexOf(D)).toBeLessThan(ids.indexOf(E));
    expect(ids.indexOf(E)).toBeLessThan(ids.indexOf(A.id));
    expect(r.processes.find((p) => p.pid === placed.find((x) => x.id === D)!.holder.pid)?.containerId).toBe(D);
  });
});

describe('this machine\'s own cgroups, as they are', () => {
  it('accounts for every process once: the listed containers, the rest and the host itself', async () => {
    const r = await agentPrint({});
    const b = r.byContainer!;
    const all = [...b.containers, b.rest, b.host];
    const sum = (k: 'processes' | 'instances' | 'watches') => all.reduce((n, x) => n + x[k], 0);
    expect(sum('processes')).toBe(r.scan.processes);
    expect(sum('instances')).toBe(r.uids.reduce((n, u) => n + u.instances, 0));
    expect(sum('watches')).toBe(r.uids.reduce((n, u) => n + u.watches, 0));
    expect(b.containers.length).toBeLessThanOrEqual(30);
    expect(b.host.processes).toBeGreaterThan(0); // this test's own process, at least
  });
});
