import { describe, expect, it } from 'vitest';
import { groupLimits, planRaises, type HostLimits } from './limits';

const host = (name: string, o: Partial<HostLimits> = {}): HostLimits => ({
  id: `id-${name}`, name, instances: 128, watches: 65_536, fileMax: 9_223_372_036_854_775_807, nrOpen: 1_048_576,
  daemons: [{ name: 'containerd', fds: 200, fdLimit: 1_048_576 }], peak: { instances: 10, watches: 1000, systemFds: 5000 }, ...o,
});

describe('the fleet\'s limits', () => {
  it('groups each setting by value, most hosts first, and marks the defaults and the odd ones out', () => {
    const got = groupLimits([host('a'), host('b'), host('c', { instances: 8192, watches: 8192 }), host('d', { fileMax: 100_000 })]);
    const instances = got.find((g) => g.setting === 'fs.inotify.max_user_instances')!.groups;
    expect(instances.map((g) => [g.value, g.hosts.map((h) => h.name), g.default, g.usual, g.standsOut])).toEqual([
      [128, ['a', 'b', 'd'], 'the kernel default', true, false],
      [8192, ['c'], null, false, true],
    ]);
    // One host each: no value is the usual one.
    expect(groupLimits([host('a'), host('b', { nrOpen: 2_097_152 })]).find((g) => g.setting === 'fs.nr_open')!.groups.map((g) => [g.usual, g.standsOut])).toEqual([[false, false], [false, false]]);
    expect(got.find((g) => g.setting === 'fs.inotify.max_user_watches')!.groups.find((g) => g.value === 8192)!.default).toBe('the default before Linux 5.11');
    // LONG_MAX is no limit at all.
    expect(got.find((g) => g.setting === 'fs.file-max')!.groups.map((g) => [g.value, g.hosts.length])).toEqual([[null, 3], [100_000, 1]]);
    expect(got.find((g) => g.setting === 'LimitNOFILE')!.groups.map((g) => g.value)).toEqual([1_048_576]);
  });

  it('raises a limit the host\'s own peak came near, to four times that peak, and writes the files', () => {
    const r = planRaises(host('builder', {
      peak: { instances: 110, watches: 40_000, systemFds: 5000 },
      daemons: [{ name: 'dockerd', fds: 800, fdLimit: 1024 }, { name: 'containerd', fds: 10, fdLimit: 1024 }],
    }))!;
    expect(r.raises.map((x) => [x.setting, x.now, x.to])).toEqual([
      ['fs.inotify.max_user_instances', 128, 512],
      ['fs.inotify.max_user_watches', 65_536, 262_144],
      ['LimitNOFILE', 1024, 4096],
    ]);
    expect(r.sysctl).toBe('# /etc/sysctl.d/90-headroom.conf on builder: each value a power of two at least 4 times the host\'s peak (apply: sysctl --system)\n'
      + 'fs.inotify.max_user_instances = 512\nfs.inotify.max_user_watches = 262144\n');
    expect(r.dropIns).toEqual([{ path: '/etc/systemd/system/docker.service.d/90-headroom.conf', text: expect.stringContaining('[Service]\nLimitNOFILE=4096\n') }]);
  });

  it('leaves a host with room alone, and raises fs.nr_open first where a soft limit must pass it', () => {
    expect(planRaises(host('calm'))).toBeNull();
    const r = planRaises(host('full', { nrOpen: 1_048_576, daemons: [{ name: 'buildkitd', fds: 900_000, fdLimit: 1_048_576 }] }))!;
    expect(r.raises.map((x) => [x.setting, x.now, x.to])).toEqual([['fs.nr_open', 1_048_576, 4_194_304], ['LimitNOFILE', 1_048_576, 4_194_304]]);
    expect(r.sysctl).toContain('fs.nr_open = 4194304');
  });
});
