import { describe, expect, it } from 'vitest';
import { makeReport } from '../testing/report-factory';
import { decideSamples, flattenUids, KEYFRAME_MS, packProcesses, processesKey, uidsKey, unflattenUids, unpackProcesses } from './samples';

const never = { uidsKey: null, uidsAt: null, processesKey: null, processesAt: null };
const keys = { uids: '0:1:1', processes: 'p' };

describe('which reports write samples', () => {
  it('writes both for a host seen for the first time, and for a late report', () => {
    expect(decideSamples(never, 0, false, keys)).toEqual({ uids: true, processes: true });
    expect(decideSamples({ uidsKey: '0:1:1', uidsAt: 10, processesKey: 'p', processesAt: 10 }, 5, true, keys)).toEqual({ uids: true, processes: true });
  });

  it('writes each when it changed, at most once a minute', () => {
    const s = { uidsKey: '0:1:1', uidsAt: 0, processesKey: 'p', processesAt: 0 };
    expect(decideSamples(s, 15_000, false, keys)).toEqual({ uids: false, processes: false });
    expect(decideSamples(s, 15_000, false, { uids: '0:2:1', processes: 'p2' })).toEqual({ uids: false, processes: false });
    expect(decideSamples(s, 60_000, false, { uids: '0:1:1', processes: 'p2' })).toEqual({ uids: false, processes: true });
    expect(decideSamples(s, 60_000, false, { uids: '0:2:1', processes: 'p' })).toEqual({ uids: true, processes: false });
  });

  it('writes per-user counts at once when a user appears or leaves', () => {
    const s = { uidsKey: '0:2:5', uidsAt: 0, processesKey: 'p', processesAt: 0 };
    expect(decideSamples(s, 15_000, false, { uids: '0:3:5', processes: 'p' }).uids).toBe(false);
    expect(decideSamples(s, 15_000, false, { uids: '0:2:5;1000:1:9', processes: 'p' }).uids).toBe(true);
    expect(decideSamples({ ...s, uidsKey: '' }, 15_000, false, { uids: '0:2:5', processes: 'p' }).uids).toBe(true);
  });

  it('writes both at least once an hour, so pruning never leaves a host without a sample', () => {
    expect(decideSamples({ uidsKey: '0:1:1', uidsAt: 0, processesKey: 'p', processesAt: 0 }, KEYFRAME_MS, false, keys)).toEqual({ uids: true, processes: true });
  });

  it('keys per-user counts exactly and process counts to about 10 %', () => {
    const r = makeReport();
    const a = uidsKey(r.uids);
    r.uids[0]!.watches += 1;
    expect(uidsKey(r.uids)).not.toBe(a);
    const p = makeReport({ processFds: [1100, 4096] }).processes;
    const k = processesKey(p);
    p[0]!.fds = 1120;
    expect(processesKey(p)).toBe(k);
    p[0]!.fds = 1300;
    expect(processesKey(p)).not.toBe(k);
    expect(processesKey([...p].reverse())).toBe(processesKey(p));
  });

  it('round-trips per-user counts through the flat column layout', () => {
    const uids = [{ uid: 0, user: 'root', instances: 3, watches: 40 }, { uid: 1000, user: 'ci', instances: 128, watches: 9 }];
    expect(flattenUids(uids)).toEqual([0, 3, 40, 1000, 128, 9]);
    expect(unflattenUids(flattenUids(uids), new Map([[0, 'root'], [1000, 'ci']]))).toEqual(uids);
  });
});

describe('stored process lists', () => {
  it('pack to rows and read back as sent, and old object rows still read', () => {
    const list = [...makeReport().processes, { pid: 7, command: 'dockerd', euid: 0, fds: 3, fdLimit: null, inotifyInstances: 0, inotifyWatches: 0, containerId: 'abc', userNsOwner: 100000 },
      { pid: 8, command: 'confined', euid: 3_000_000_000, fds: 9, fdLimit: 1024, inotifyInstances: 0, inotifyWatches: 0, containerId: null, inotifyUnreadable: true as const }];
    expect(unpackProcesses(JSON.parse(JSON.stringify(packProcesses(list))))).toEqual(list);
    expect(unpackProcesses(list)).toEqual(list);
    expect(unpackProcesses(null)).toEqual([]);
  });
});
