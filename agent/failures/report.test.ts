import { describe, expect, it } from 'vitest';
import { failures as failuresSchema } from '../../lib/protocol';
import { ContainerNamer } from '../collect/container-names';
import { failuresReport } from './report';

const namer = new ContainerNamer({ podLogRoot: '/nonexistent/pods', containerdRoot: '/nonexistent/containerd' },
  new Map([['c'.repeat(64), { name: 'buildkit-builder', image: 'moby/buildkit:v0.20.0', composeProject: null, pod: null }]]));
const container = { id: 'c'.repeat(64), runtime: 'docker' as const, podUid: null };
const who = { call: 'inotify_init1', errno: 'EMFILE' as const, program: 'buildkitd', pid: 4242, uid: 0, container };

describe('the report\'s failures section', () => {
  it('names containers and times samples, in the shape the server validates', () => {
    const f = failuresReport({ capture: 'on', reason: null, message: null, sinceMs: 0, total: 3, dropped: 0,
      counts: [{ ...who, count: 3 }], samples: [{ ...who, atMs: 1000 }] }, namer);
    expect(failuresSchema.parse(f)).toEqual(f);
    expect(f.counts[0]).toEqual({ call: 'inotify_init1', errno: 'EMFILE', program: 'buildkitd', pid: 4242, uid: 0, containerId: 'c'.repeat(64), containerName: 'buildkit-builder', count: 3 });
    expect(f.samples[0]!.at).toBe('1970-01-01T00:00:01.000Z');
  });

  it('keeps an hour-long storm\'s counts within what the protocol carries, rather than have the report refused', () => {
    const f = failuresReport({ capture: 'on', reason: null, message: null, sinceMs: 0, total: 5e9, dropped: 14e9, counts: [{ ...who, count: 5e9 }], samples: [] }, namer);
    expect(failuresSchema.safeParse(f).success).toBe(true);
    expect([f.total, f.dropped, f.counts[0]!.count]).toEqual([2 ** 31 - 1, 2 ** 31 - 1, 2 ** 31 - 1]);
  });
});
