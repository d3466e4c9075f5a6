import { describe, expect, it } from 'vitest';
import { prepare } from './prepare';
import { makeReport } from '../testing/report-factory';
import { groupByShard } from './shard-groups';

const item = (name: string) => prepare(makeReport({ hostName: name }), new Date());

describe('a batch grouped by shard', () => {
  it('puts the hosts of one shard in one transaction, and each host not known yet in its own', () => {
    const items = ['a', 'b', 'new-1', 'c', 'a', 'new-1', 'new-2'].map(item);
    const ids: Record<string, string> = { a: 'id-a', b: 'id-b', c: 'id-c' };
    const shards: Record<string, string> = { 'id-a': '102008', 'id-b': '102011', 'id-c': '102008' };
    expect(groupByShard(items, (n) => ids[n], (id) => shards[id])).toEqual([[0, 3, 4], [1], [2, 5], [6]]);
  });

  it('treats a known host whose shard is not known like a new one', () => {
    expect(groupByShard(['a', 'a', 'b'].map(item), () => 'id', () => undefined)).toEqual([[0, 1], [2]]);
  });
});
