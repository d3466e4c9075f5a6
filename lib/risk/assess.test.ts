import { describe, expect, it } from 'vitest';
import { makeReport } from '../testing/report-factory';
import { assess, fraction, hasPanicRisk, isCrashingBuildkit, levelOf } from './assess';
import { statusOf } from './status';

describe('used fractions and levels', () => {
  it('divides used by limit and treats a missing limit as no pressure', () => {
    expect(fraction(64, 128)).toBe(0.5);
    expect(fraction(5, 0)).toBe(0);
  });

  it('turns warning at 80 % and critical at 90 %', () => {
    expect(levelOf(0.79)).toBe('ok');
    expect(levelOf(0.8)).toBe('warning');
    expect(levelOf(0.899)).toBe('warning');
    expect(levelOf(0.9)).toBe('critical');
    expect(levelOf(0.9, { warning: 0.5, critical: 0.95, silentAfterIntervals: 3 })).toBe('warning');
  });

  it('takes the worst UID, system handles and the worst process against its own limit', () => {
    const r = makeReport({ instances: 100, instanceLimit: 128, fdsAllocated: 50_000, processFds: [900, 1000] });
    r.uids.push({ uid: 1000, user: 'ci', instances: 20, watches: 50000 });
    const a = assess(r);
    expect(a.dimensions.inotifyInstances).toEqual({ used: 100, limit: 128, fraction: 100 / 128 });
    expect(a.dimensions.inotifyWatches.used).toBe(50000);
    expect(a.dimensions.systemFds.fraction).toBe(0.5);
    expect(a.dimensions.processFds).toEqual({ used: 900, limit: 1000, fraction: 0.9 });
    expect(a.worstFraction).toBe(0.9);
    expect(a.level).toBe('critical');
  });

  it('names whose count each dimension is, for alert messages', () => {
    const r = makeReport({ instances: 100, processFds: [900, 1000] });
    r.uids.push({ uid: 1000, user: null, instances: 20, watches: 50000 });
    expect(assess(r).subjects).toEqual({
      inotifyInstances: 'uid 0 (root)', inotifyWatches: 'uid 1000', systemFds: null, processFds: 'containerd (pid 42)',
    });
  });

  it('ignores processes with an unlimited fd limit', () => {
    const r = makeReport();
    r.processes = [{ ...r.processes[0]!, fds: 5000, fdLimit: null }];
    expect(assess(r).dimensions.processFds.fraction).toBe(0);
  });
});

describe('watcher-panic risk', () => {
  it('flags the UID running containerd at critical on instances', () => {
    const r = makeReport({ instances: 116, instanceLimit: 128 });
    r.daemons = [{ name: 'containerd', pid: 10, euid: 0, fds: 100, fdLimit: 1_048_576, version: null }];
    expect(hasPanicRisk(r)).toBe(true);
    r.uids[0]!.instances = 100;
    expect(hasPanicRisk(r)).toBe(false);
  });

  it('flags buildkitd at critical on its own fds', () => {
    const r = makeReport();
    r.daemons = [{ name: 'buildkitd', pid: 11, euid: 0, fds: 950, fdLimit: 1024, version: null }];
    expect(hasPanicRisk(r)).toBe(true);
  });

  it('knows the crashing BuildKit versions', () => {
    for (const v of ['v0.20.0', '0.20.0', 'v0.20.0-rc1', 'v0.20.0-rc.2', 'v0.20.0-rootless', 'v0.20.0-rc2-rootless']) expect(isCrashingBuildkit(v), v).toBe(true);
    for (const v of ['v0.20.1', 'v0.19.4', 'v0.21.0', 'latest', 'v0.20.1-rootless', 'buildx-stable-1']) expect(isCrashingBuildkit(v), v).toBe(false);
    const r = makeReport();
    r.containers.buildkitImages = ['moby/buildkit:v0.20.0'];
    expect(assess(r).crashingBuildkit).toBe(true);
    // A registry with a port, a digest: still the tag.
    r.containers.buildkitImages = ['localhost:5000/moby/buildkit:v0.20.0-rc2@sha256:' + 'b'.repeat(64)];
    expect(assess(r).crashingBuildkit).toBe(true);
    r.containers.buildkitImages = ['localhost:5000/moby/buildkit:v0.20.1'];
    expect(assess(r).crashingBuildkit).toBe(false);
  });
});

describe('status', () => {
  const now = new Date('2026-01-01T12:00:00Z');
  it('is silent after three missed intervals and when never seen', () => {
    expect(statusOf(0.1, new Date(now.getTime() - 44_000), 15, now)).toBe('ok');
    expect(statusOf(0.1, new Date(now.getTime() - 46_000), 15, now)).toBe('silent');
    expect(statusOf(0.1, null, 15, now)).toBe('silent');
  });
});
