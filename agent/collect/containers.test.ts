import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { containerIdFromCgroup } from './details';
import { countContainerCgroups, countContainers } from './containers';
import type { ProcSample } from './procfs';

const id = (n: number) => n.toString(16).padStart(64, 'a');
/** A directory tree of these paths, removed after the file's tests. */
const made: string[] = [];
function tree(dirs: string[]): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'hr-cgroup-'));
  made.push(root);
  for (const d of dirs) mkdirSync(path.join(root, d), { recursive: true });
  return root;
}
afterAll(() => { for (const root of made) rmSync(root, { recursive: true, force: true }); });

const fixture = tree([
  `system.slice/docker-${id(1)}.scope`, `system.slice/docker-${id(2)}.scope`, 'system.slice/ssh.service',
  `docker/${id(3)}`, 'kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod1.slice/cri-containerd-' + id(4) + '.scope',
]);

const shim = (pid: number): ProcSample => ({ pid, ppid: 1, comm: 'containerd-shim', euid: 0, userNs: 1, fds: 10, fdLimit: 1024, inotifyInstances: 1, inotifyWatches: 1 });

describe('container counting', () => {
  it('counts systemd, cgroupfs and kubepods container cgroups', () => {
    expect(countContainerCgroups(fixture)).toBe(4);
  });

  it('counts each container once on cgroup v1, where every controller tree holds it', () => {
    const v1 = tree([
      ...['systemd', 'pids', 'memory', 'cpu,cpuacct'].flatMap((t) =>
        [`docker/${id(1)}`, `system.slice/docker-${id(2)}.scope`, `kubepods/burstable/pod1/${id(3)}`, 'user.slice/user-0.slice'].map((d) => `${t}/${d}`)),
      `memory/docker/${id(4)}`, // memory alone sees a fourth (it is still starting)
    ]);
    expect(countContainerCgroups(v1)).toBe(4);
  });

  it('counts a hybrid mount once: the unified tree and the v1 trees hold the same containers', () => {
    const hybrid = tree(['unified', 'systemd', 'memory'].map((t) => `${t}/system.slice/docker-${id(5)}.scope`));
    expect(countContainerCgroups(hybrid)).toBe(1);
  });

  it('counts containers in real cgroup v1 hierarchies mounted by the kernel', () => {
    // Named hierarchies with no controller attached: real cgroupfs (control
    // files in every directory), nothing charged, nothing of the host's touched.
    const root = mkdtempSync(path.join(os.tmpdir(), 'hr-cgroup-real-'));
    const trees = ['systemd', 'pids'].map((t) => path.join(root, t));
    const made: string[] = [];
    try {
      for (const t of trees) {
        mkdirSync(t);
        execFileSync('mount', ['-t', 'cgroup', '-o', `none,name=hr${process.pid}${path.basename(t)}`, 'cgroup', t]);
        made.push(t);
        for (const d of ['docker', `docker/${id(6)}`, `docker/${id(7)}`, 'kubepods', 'kubepods/besteffort', 'kubepods/besteffort/pod9', `kubepods/besteffort/pod9/${id(8)}`])
          mkdirSync(path.join(t, d));
      }
      expect(countContainerCgroups(root)).toBe(3);
    } finally {
      for (const t of made) {
        for (const d of [`kubepods/besteffort/pod9/${id(8)}`, 'kubepods/besteffort/pod9', 'kubepods/besteffort', 'kubepods', `docker/${id(7)}`, `docker/${id(6)}`, 'docker'])
          rmdirSync(path.join(t, d));
        execFileSync('umount', [t]);
      }
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('reads this machine\'s own cgroup mount without failing', () => {
    expect(Number.isInteger(countContainerCgroups('/sys/fs/cgroup'))).toBe(true);
  });

  it('falls back from the Docker socket to cgroups to containerd shims', async () => {
    const none = path.join(fixture, 'no.sock');
    expect((await countContainers([], { dockerSocket: none, cgroupRoot: fixture })).containers).toMatchObject({ method: 'cgroup', running: 4, total: null });
    const empty = path.join(fixture, 'empty');
    mkdirSync(empty);
    expect((await countContainers([shim(1), shim(2)], { dockerSocket: none, cgroupRoot: empty })).containers).toMatchObject({ method: 'containerd-shim', running: 2 });
    expect((await countContainers([], { dockerSocket: none, cgroupRoot: empty })).containers).toMatchObject({ method: 'none', running: 0 });
  });

  it('reads container ids from the cgroup layouts', () => {
    expect(containerIdFromCgroup(`0::/system.slice/docker-${id(7)}.scope\n`)).toBe(id(7));
    expect(containerIdFromCgroup(`0::/kubepods.slice/kubepods-pod1.slice/cri-containerd-${id(8)}.scope\n`)).toBe(id(8));
    expect(containerIdFromCgroup('0::/user.slice/user-1000.slice/session-2.scope\n')).toBeNull();
  });
});
