import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { containerIdFromCgroup } from './details';
import { countContainerCgroups, countContainers } from './containers';
import type { ProcSample } from './procfs';

const id = (n: number) => n.toString(16).padStart(64, 'a');
const fixture = mkdtempSync(path.join(os.tmpdir(), 'hr-cgroup-'));
for (const d of [
  `system.slice/docker-${id(1)}.scope`, `system.slice/docker-${id(2)}.scope`, 'system.slice/ssh.service',
  `docker/${id(3)}`, 'kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod1.slice/cri-containerd-' + id(4) + '.scope',
]) mkdirSync(path.join(fixture, d), { recursive: true });
afterAll(() => rmSync(fixture, { recursive: true, force: true }));

const shim = (pid: number): ProcSample => ({ pid, ppid: 1, comm: 'containerd-shim', euid: 0, userNs: 1, fds: 10, fdLimit: 1024, inotifyInstances: 1, inotifyWatches: 1 });

describe('container counting', () => {
  it('counts systemd, cgroupfs and kubepods container cgroups', () => {
    expect(countContainerCgroups(fixture)).toBe(4);
  });

  it('finds nothing on this machine\'s real cgroup tree without containers, without failing', () => {
    expect(countContainerCgroups('/sys/fs/cgroup')).toBeGreaterThanOrEqual(0);
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
