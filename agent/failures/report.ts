// The report's `failures` section from a capture snapshot, containers named.
import type { Failures } from '../../lib/protocol';
import type { CgroupIdentity } from '../collect/cgroup-identity';
import type { ContainerNamer } from '../collect/container-names';
import type { CaptureSnapshot } from './capture';

// The protocol's counts are 31-bit: an hour-long storm can lose more events than that.
const MAX_COUNT = 2 ** 31 - 1;
const clamp = (n: number) => Math.min(n, MAX_COUNT);

export function failuresReport(s: CaptureSnapshot, namer: ContainerNamer): Failures {
  const names = new Map<string, string | null>();
  const nameOf = (c: CgroupIdentity | null): string | null => {
    if (!c) return null;
    if (!names.has(c.id)) names.set(c.id, namer.name(c).name);
    return names.get(c.id)!;
  };
  const who = <T extends { container: CgroupIdentity | null }>({ container, ...rest }: T) => ({ ...rest, containerId: container?.id ?? null, containerName: nameOf(container) });
  return {
    capture: s.capture,
    reason: s.reason,
    message: s.message,
    since: new Date(s.sinceMs).toISOString(),
    total: clamp(s.total),
    dropped: clamp(s.dropped),
    counts: s.counts.map((c) => ({ ...who(c), count: clamp(c.count) })),
    samples: s.samples.map(({ atMs, ...f }) => ({ ...who(f), at: new Date(atMs).toISOString() })),
    ...(s.missingCalls?.length ? { missingCalls: s.missingCalls } : {}),
  };
}
