// The report's `failures` section from a capture snapshot, containers named.
import type { Failures } from '../../lib/protocol/report';
import type { CgroupIdentity } from '../collect/cgroup-identity';
import type { ContainerNamer } from '../collect/container-names';
import type { CaptureSnapshot } from './capture';

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
    total: s.total,
    dropped: s.dropped,
    counts: s.counts.map(who),
    samples: s.samples.map(({ atMs, ...f }) => ({ ...who(f), at: new Date(atMs).toISOString() })),
    ...(s.missingCalls?.length ? { missingCalls: s.missingCalls } : {}),
  };
}
