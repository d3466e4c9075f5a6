import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../testing/databases';
import { failuresOf, makeReport } from '../testing/report-factory';
import { ingestReport } from '../ingest';
import { renderMetrics } from './metrics';
import { testPrincipal } from '../testing/principal';

describe('Prometheus metrics', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase('pglite');
    const p = testPrincipal;
    await ingestReport(t.db, p, makeReport({ hostName: 'prom-1', instances: 120 }));
    await ingestReport(t.db, p, makeReport({ hostName: 'prom-2', instances: 10 }));
  });
  afterAll(async () => { await t.close(); });

  it('exposes per-host gauges that a Prometheus text-format parser reads back', async () => {
    const { body, contentType } = await renderMetrics(t.db);
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    const families = parsePrometheusTextFormat(body) as { name: string; type: string; metrics: { value: string; labels: Record<string, string> }[] }[];
    const fam = (name: string) => families.find((f) => f.name === name)!;
    const usedFor = (host: string, dimension: string) => fam('headroom_used').metrics.find((m) => m.labels.host === host && m.labels.dimension === dimension)?.value;
    expect(fam('headroom_used').type).toBe('GAUGE');
    expect(usedFor('prom-1', 'inotify_instances')).toBe('120');
    expect(fam('headroom_limit').metrics.find((m) => m.labels.host === 'prom-1' && m.labels.dimension === 'inotify_instances')?.value).toBe('128');
    const status = fam('headroom_host_status').metrics.filter((m) => m.labels.host === 'prom-1' && m.value === '1');
    expect(status.map((m) => m.labels.status)).toEqual(['critical']);
    expect(Number(fam('headroom_last_report_age_seconds').metrics.find((m) => m.labels.host === 'prom-2')!.value)).toBeLessThan(60);
    expect(fam('headroom_alerts_firing').metrics[0]!.value).toBe('0');
  });

  it('counts failed calls per host, call and errno, and the count only grows', async () => {
    const p = testPrincipal;
    await ingestReport(t.db, p, makeReport({ hostName: 'prom-1', collectedAt: new Date(Date.now() - 20_000), instances: 120, failures: failuresOf([{ count: 2 }, { call: 'openat', count: 1 }]) }));
    await ingestReport(t.db, p, makeReport({ hostName: 'prom-1', collectedAt: new Date(Date.now() - 5_000), instances: 120, failures: failuresOf([{ count: 3 }]) }));
    // The rows retention prunes are gone; the counter is not.
    await t.db.failure.deleteMany({});
    const families = parsePrometheusTextFormat((await renderMetrics(t.db)).body) as { name: string; type: string; metrics: { value: string; labels: Record<string, string> }[] }[];
    const failed = families.find((f) => f.name === 'headroom_failed_calls_total')!;
    expect(failed.type).toBe('COUNTER');
    expect(failed.metrics.map((m) => [m.labels.host, m.labels.call, m.labels.errno, m.value])).toEqual([
      ['prom-1', 'inotify_init1', 'EMFILE', '5'], ['prom-1', 'openat', 'EMFILE', '1'],
    ]);
  });
});
