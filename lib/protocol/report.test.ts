import { describe, expect, it } from 'vitest';
import { makeReport } from '../testing/report-factory';
import { report } from './report';

const fails = (mutate: (r: Record<string, unknown>) => void) => {
  const r = structuredClone(makeReport()) as unknown as Record<string, unknown>;
  mutate(r);
  return report.safeParse(r);
};

describe('report schema', () => {
  it('accepts a complete report', () => {
    expect(report.safeParse(makeReport()).success).toBe(true);
  });

  it('accepts fs.file-max of LONG_MAX, which is past 2^53', () => {
    const r = makeReport();
    r.fds.max = 9223372036854775807;
    expect(report.safeParse(r).success).toBe(true);
  });

  it('rejects an unknown protocol version', () => {
    expect(fails((r) => { r.protocolVersion = 2; }).success).toBe(false);
  });

  it('rejects negative and fractional counts', () => {
    expect(fails((r) => { (r.uids as { instances: number }[])[0]!.instances = -1; }).success).toBe(false);
    expect(fails((r) => { (r.fds as { allocated: number }).allocated = 1.5; }).success).toBe(false);
  });

  it('rejects a report id that is not a UUID and a time without offset', () => {
    expect(fails((r) => { r.reportId = 'abc'; }).success).toBe(false);
    expect(fails((r) => { r.collectedAt = '2026-01-01 10:00'; }).success).toBe(false);
  });

  it('rejects missing sections and oversized names', () => {
    expect(fails((r) => { delete r.inotify; }).success).toBe(false);
    expect(fails((r) => { (r.host as { name: string }).name = 'x'.repeat(300); }).success).toBe(false);
  });

  it('rejects more processes than a report may carry', () => {
    const r = makeReport();
    r.processes = Array.from({ length: 201 }, (_, i) => ({ ...r.processes[0]!, pid: i + 1 }));
    const parsed = report.safeParse(r);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['processes']);
  });

  describe('failures and per-container sums (optional: older agents send neither)', () => {
    const at = '2026-12-01T12:03:05.000Z';
    const who = { call: 'inotify_init1', errno: 'EMFILE', program: 'buildkitd', pid: 4242, uid: 0, containerId: 'a'.repeat(64), containerName: 'buildkit-builder' };
    const withSections = () => ({
      ...makeReport(),
      failures: { capture: 'on', reason: null, message: null, since: at, total: 3, dropped: 0, counts: [{ ...who, count: 3 }], samples: [{ ...who, at }] },
      byContainer: {
        containers: [{ id: 'a'.repeat(64), runtime: 'containerd', name: 'buildkitd', image: null, composeProject: null, pod: { namespace: 'ci', name: 'bk-0', uid: 'u-1', container: 'buildkitd' }, processes: 2, instances: 5, watches: 9, fds: 40, unreadable: 0 }],
        rest: { containers: 0, processes: 0, instances: 0, watches: 0, fds: 0, unreadable: 0 },
        host: { processes: 100, instances: 20, watches: 300, fds: 2000, unreadable: 1 },
      },
    });

    it('accepts them, and capture off with its reason', () => {
      expect(report.safeParse(withSections()).success).toBe(true);
      const off = withSections();
      off.failures = { ...off.failures, capture: 'off', reason: 'not-permitted', message: 'tracefs is root\'s', counts: [], samples: [], total: 0 } as never;
      expect(report.safeParse(off).success).toBe(true);
    });

    it('keeps them through parsing, so the server stores what the agent sent', () => {
      const parsed = report.parse(withSections());
      expect(parsed.failures?.counts[0]).toEqual({ ...who, count: 3 });
      expect(parsed.byContainer?.containers[0]?.pod?.name).toBe('bk-0');
    });

    it('refuses an errno or a reason it does not know, a syscall name that is not one, and unbounded lists', () => {
      const bad = (mutate: (r: ReturnType<typeof withSections>) => void) => {
        const r = withSections();
        mutate(r);
        return report.safeParse(r).success;
      };
      expect(bad((r) => { r.failures.counts[0]!.errno = 'EPERM'; })).toBe(false);
      expect(bad((r) => { (r.failures as { reason: string | null }).reason = 'tired'; })).toBe(false);
      expect(bad((r) => { r.failures.counts[0]!.call = 'open at'; })).toBe(false);
      expect(bad((r) => { r.failures.samples = Array.from({ length: 21 }, () => ({ ...who, at })); })).toBe(false);
      expect(bad((r) => { r.byContainer.containers = Array.from({ length: 201 }, () => r.byContainer.containers[0]!); })).toBe(false);
      expect(bad((r) => { r.failures.counts[0]!.count = 0; })).toBe(false);
    });
  });
});
