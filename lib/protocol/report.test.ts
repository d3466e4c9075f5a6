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
});
