import { describe, expect, it } from 'vitest';
import { GroupCommit, type Settled } from './group-commit';

describe('group commit', () => {
  it('writes what arrives together in one flush, and what arrives during a flush in the next', async () => {
    const flushes: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    const g = new GroupCommit<number, number>(async (items) => {
      flushes.push(items);
      if (flushes.length === 1) await gate;
      return items.map((i) => ({ ok: true, value: i * 2 }));
    }, { maxBatch: 100, concurrency: 1 });
    const first = [1, 2, 3].map((i) => g.submit(i));
    await new Promise((r) => setImmediate(r));
    const second = [4, 5].map((i) => g.submit(i));
    await new Promise((r) => setImmediate(r));
    expect(g.pending).toBe(2);
    release();
    expect(await Promise.all([...first, ...second])).toEqual([2, 4, 6, 8, 10]);
    expect(flushes).toEqual([[1, 2, 3], [4, 5]]);
  });

  it('caps a flush at maxBatch and runs up to `concurrency` at once', async () => {
    let running = 0;
    let peak = 0;
    const sizes: number[] = [];
    const g = new GroupCommit<number, number>(async (items) => {
      running++; peak = Math.max(peak, running); sizes.push(items.length);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      return items.map((i) => ({ ok: true, value: i }));
    }, { maxBatch: 4, concurrency: 2 });
    await Promise.all(Array.from({ length: 10 }, (_, i) => g.submit(i)));
    expect(sizes).toEqual([4, 4, 2]);
    expect(peak).toBe(2);
  });

  it('fails only the items a flush says failed, and all of them when it throws', async () => {
    const g = new GroupCommit<number, number>(async (items): Promise<Settled<number>[]> => {
      if (items.includes(99)) throw new Error('database down');
      return items.map((i) => (i % 2 ? { ok: false, error: new Error(`odd ${i}`) } : { ok: true, value: i }));
    }, { maxBatch: 10, concurrency: 1 });
    const r = await Promise.allSettled([1, 2].map((i) => g.submit(i)));
    expect(r.map((x) => x.status)).toEqual(['rejected', 'fulfilled']);
    await expect(g.submit(99)).rejects.toThrow('database down');
  });

  it('refuses at once past maxQueued while the database stalls, and takes items again once it drains', async () => {
    let release!: () => void;
    const stalled = new Promise<void>((r) => { release = r; });
    const g = new GroupCommit<number, number>(async (items) => {
      await stalled;
      return items.map((i) => ({ ok: true, value: i }));
    }, { maxBatch: 2, concurrency: 1, maxQueued: 3, full: () => new Error('busy') });
    const first = g.submit(0); // taken by the stalled flush
    await new Promise((r) => setImmediate(r));
    const queued = [1, 2, 3].map((i) => g.submit(i));
    await expect(g.submit(4)).rejects.toThrow('busy');
    expect(g.pending).toBe(3);
    release();
    expect(await Promise.all([first, ...queued])).toEqual([0, 1, 2, 3]);
    expect(await g.submit(5)).toBe(5);
  });
});
