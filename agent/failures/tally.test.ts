import { describe, expect, it } from 'vitest';
import { MAX_COUNT_ROWS, MAX_SAMPLES, Tally, type Failure } from './tally';

const failure = (pid: number, atMs = 1000): Failure => ({ call: 'inotify_init1', errno: 'EMFILE', program: 'buildkitd', pid, uid: 0, container: null, atMs });

describe('a report interval\'s tally', () => {
  it('counts by who failed how, keeps the newest samples, and starts afresh at each take', () => {
    const t = new Tally(500);
    for (let i = 0; i < 30; i++) t.add(failure(i % 2, 1000 + i));
    t.add({ ...failure(0), call: 'openat' });
    const s = t.take(2000);
    expect(s.sinceMs).toBe(500);
    expect(s.total).toBe(31);
    expect(s.counts.map((c) => [c.call, c.pid, c.count])).toEqual([['inotify_init1', 0, 15], ['inotify_init1', 1, 15], ['openat', 0, 1]]);
    expect(s.samples).toHaveLength(MAX_SAMPLES);
    expect(s.samples.at(-1)!.call).toBe('openat');
    expect(s.samples[0]!.atMs).toBe(1000 + 30 - MAX_SAMPLES + 1);
    expect(t.take(3000)).toEqual({ sinceMs: 2000, total: 0, counts: [], samples: [] });
  });

  it('stays bounded: past the row cap, failures are counted in the total only', () => {
    const t = new Tally();
    for (let pid = 0; pid < MAX_COUNT_ROWS + 50; pid++) t.add(failure(pid));
    t.addUnreadable();
    const s = t.take();
    expect(s.counts).toHaveLength(MAX_COUNT_ROWS);
    expect(s.total).toBe(MAX_COUNT_ROWS + 51);
  });
});
