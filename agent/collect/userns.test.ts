import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProcSample } from './procfs';
import { namespaceOwners, ownerFromUidMap } from './userns';

// uid_map as an agent in the initial namespace reads it (man 7 user_namespaces).
describe('namespace owner from uid_map', () => {
  it('names the unprivileged user whose own UID is mapped', () => {
    expect(ownerFromUidMap('         0       1000          1\n')).toBe(1000); // unshare -U -r
    expect(ownerFromUidMap('      1000       1000          1\n')).toBe(1000); // Flatpak, bwrap
    expect(ownerFromUidMap('         0       1000          1\n         1     100000      65536\n')).toBe(1000); // rootless Podman, Docker
  });

  it('names root for systemd PrivateUsers= (root and the service user, one ID each)', () => {
    expect(ownerFromUidMap('         0          0          1\n       981        981          1\n')).toBe(0);
  });

  it('does not guess from ranges only, nor from an empty map', () => {
    expect(ownerFromUidMap('         0     100000      65536\n')).toBeNull(); // Docker userns-remap, Kubernetes
    expect(ownerFromUidMap('')).toBeNull(); // created, not mapped yet
    expect(ownerFromUidMap('       5 1 1\n       7 2 1\n')).toBeNull(); // two single IDs, neither UID 0
  });
});

const proc = (pid: number, ppid: number, euid: number, userNs: number): ProcSample =>
  ({ pid, ppid, comm: 'p', euid, userNs, fds: 1, fdLimit: 1024, inotifyInstances: 1, inotifyWatches: 0 });

describe('namespace owners without a readable map', () => {
  it("falls back to the nearest ancestor in the agent's namespace", () => {
    // /nonexistent: no uid_map to read, as for a process gone mid-scan.
    const owners = namespaceOwners([proc(1, 0, 0, 10), proc(50, 1, 0, 10), proc(60, 50, 100000, 20), proc(61, 60, 100001, 20)], 10, '/nonexistent');
    expect(owners).toEqual(new Map([[60, 0], [61, 0]]));
  });
});

describe('namespace owners from the maps under /proc', () => {
  // A /proc of uid_map files only: what namespaceOwners reads, laid out as the kernel shows it to the agent.
  const withMaps = (maps: Record<number, string>, run: (root: string) => void) => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'hr-userns-'));
    try {
      for (const [pid, text] of Object.entries(maps)) {
        mkdirSync(path.join(root, pid));
        writeFileSync(path.join(root, pid, 'uid_map'), text);
      }
      run(root);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  };

  it('charges a namespace nested in a rootless container to the owner outside, not to the container UID', () => {
    const rootless = '         0       1000          1\n         1     100000      65536\n';
    withMaps({ 60: rootless, 61: rootless, 70: '         0     100001          1\n' }, (root) => {
      // systemd --user (1000) → the rootless namespace (60, 61) → `unshare -U -r` inside it (70).
      const procs = [proc(1, 0, 0, 10), proc(50, 1, 1000, 10), proc(60, 50, 1000, 20), proc(61, 60, 100001, 20), proc(70, 61, 100001, 30)];
      expect(namespaceOwners(procs, 10, root)).toEqual(new Map([[60, 1000], [61, 1000], [70, 1000]]));
    });
  });

  it('asks another process of the namespace when one has gone mid-scan', () => {
    withMaps({ 81: '         0       4242          1\n' }, (root) => {
      // 80 created the namespace and has exited: no uid_map to read under its pid; 81 still runs.
      const procs = [proc(1, 0, 0, 10), proc(80, 1, 4242, 40), proc(81, 1, 4242, 40)];
      expect(namespaceOwners(procs, 10, root)).toEqual(new Map([[80, 0], [81, 4242]]));
    });
  });
});
