import { describe, expect, it } from 'vitest';
import { makeReport } from '../testing/report-factory';
import { adviseHost, roomFor } from './advice';

const quiet = { inotifyInstances: 10, inotifyWatches: 100, systemFds: 1000, processFds: 50, processFdsLimit: 1024 };

describe('advice from a host\'s own peak', () => {
  it('says nothing to a host with room', () => {
    expect(adviseHost(makeReport(), quiet, [])).toEqual([]);
  });

  it('says first, when the agent could not read some processes, that the figures may be low and how to let it read them', () => {
    const r = makeReport({ instances: 120 });
    r.scan.skipped.denied = 37;
    const advice = adviseHost(r, { ...quiet, inotifyInstances: 120 }, []);
    expect(advice.map((a) => a.title)).toEqual(['Let the agent read every process', 'Raise fs.inotify.max_user_instances to 512']);
    expect(advice[0]!.why).toContain('37 processes');
    expect(advice[0]!.commands.join('\n')).toContain('apparmor=unconfined');
  });

  it('sizes the instance limit for twice the peak, as a power of two, at least 512', () => {
    const r = makeReport({ instances: 120 });
    const [a] = adviseHost(r, { ...quiet, inotifyInstances: 120 }, []);
    expect(a!.title).toBe('Raise fs.inotify.max_user_instances to 512');
    expect(a!.commands[0]).toBe('sysctl -w fs.inotify.max_user_instances=512');
    expect(roomFor(700 * 2, 512)).toBe(2048);
  });

  it('names the process near its own fd limit, within fs.nr_open', () => {
    const r = makeReport({ processFds: [900, 1024] });
    const advice = adviseHost(r, { ...quiet, processFds: 900 }, []);
    expect(advice.map((a) => a.title)).toEqual(['Raise the open-files limit of containerd to 65536']);
  });

  it('does not pin a past peak on whichever process is worst now', () => {
    // buildkitd peaked at 60,000 of 65,536 and has restarted; the worst process now is quiet.
    const r = makeReport({ processFds: [30, 1024] });
    const [a] = adviseHost(r, { ...quiet, processFds: 60_000, processFdsLimit: 65_536 }, []);
    expect(a!.title).toBe('Raise the open-files limit of the process that peaked to 131072');
    expect(a!.why).toContain('60000 fds against a soft limit of 65536');
  });

  it('tells a host running BuildKit v0.20.0 to upgrade', () => {
    expect(adviseHost(makeReport(), quiet, ['v0.20.0-rc2']).map((a) => a.title)).toEqual(['Upgrade BuildKit to v0.20.1 or later']);
  });
});
