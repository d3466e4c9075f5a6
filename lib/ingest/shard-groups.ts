// On Citus, a batch is written as one transaction per shard, so each commits
// on one worker without two-phase commit. A host whose id is not known yet (a
// new one, or one this process has not written) goes alone: its host row, in
// the reference table, is written on every node anyway.
import type { Prepared } from './prepare';

/** The batch's item indices, one list per transaction, in first-seen order. */
export function groupByShard(items: Prepared[], idOf: (name: string) => string | undefined, shardOf: (id: string) => string | undefined): number[][] {
  const groups = new Map<string, number[]>();
  items.forEach((p, i) => {
    const id = idOf(p.r.host.name);
    const shard = id === undefined ? undefined : shardOf(id);
    const key = shard === undefined ? `host:${p.r.host.name}` : `shard:${shard}`;
    const g = groups.get(key);
    if (g) g.push(i); else groups.set(key, [i]);
  });
  return [...groups.values()];
}
