import { describe, expect, it } from 'vitest';
import { identityFromCgroup } from './cgroup-identity';

const id = 'ab'.repeat(32);
const uid = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const v1 = (path: string) => ['12:pids:', '11:memory:', '1:name=systemd:'].map((h) => h + path).join('\n') + '\n0::/\n';

describe('the container and pod of a /proc/PID/cgroup', () => {
  it.each([
    ['Docker, systemd driver, cgroup v2', `0::/system.slice/docker-${id}.scope\n`, 'docker', null],
    ['Docker, cgroupfs driver, cgroup v1', v1(`/docker/${id}`), 'docker', null],
    ['containerd under Kubernetes, systemd driver, cgroup v2', `0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod${uid.replace(/-/g, '_')}.slice/cri-containerd-${id}.scope\n`, 'containerd', uid],
    ['containerd under Kubernetes, systemd driver, cgroup v1', v1(`/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod${uid.replace(/-/g, '_')}.slice/cri-containerd-${id}.scope`), 'containerd', uid],
    ['a guaranteed pod, systemd driver', `0::/kubepods.slice/kubepods-pod${uid.replace(/-/g, '_')}.slice/cri-containerd-${id}.scope\n`, 'containerd', uid],
    ['containerd under Kubernetes, cgroupfs driver, cgroup v2', `0::/kubepods/burstable/pod${uid}/${id}\n`, null, uid],
    ['containerd under Kubernetes, cgroupfs driver, cgroup v1', v1(`/kubepods/besteffort/pod${uid}/${id}`), null, uid],
    ['a guaranteed pod, cgroupfs driver', v1(`/kubepods/pod${uid}/${id}`), null, uid],
    ['a static pod (its UID is a hash)', `0::/kubepods/burstable/pod0123456789abcdef0123456789abcdef/${id}\n`, null, '0123456789abcdef0123456789abcdef'],
    ['CRI-O', `0::/kubepods.slice/kubepods-pod${uid.replace(/-/g, '_')}.slice/crio-${id}.scope\n`, 'cri-o', uid],
    ['Podman', `0::/machine.slice/libpod-${id}.scope\n`, 'podman', null],
    ['nerdctl', `0::/system.slice/nerdctl-${id}.scope\n`, 'containerd', null],
    ['a cgroup namespace, seen from a container (relative path)', `0::/../../kubepods-burstable-pod${uid.replace(/-/g, '_')}.slice/cri-containerd-${id}.scope\n`, 'containerd', uid],
    ['systemd inside a Docker container', `0::/system.slice/docker-${id}.scope/init.scope\n`, 'docker', null],
  ])('%s', (_, text, runtime, podUid) => {
    expect(identityFromCgroup(text)).toEqual({ id, runtime, podUid });
  });

  it('places host processes nowhere', () => {
    for (const text of ['0::/user.slice/user-1000.slice/session-2.scope\n', '0::/\n', v1('/system.slice/containerd.service'), '0::/init.scope\n'])
      expect(identityFromCgroup(text)).toBeNull();
  });
});
