// The Grafana dashboard as Grafana's file provisioning reads it: one JSON
// model with a stable uid, every query on the chosen Prometheus data source,
// panels laid on the 24-column grid without overlap. (Its queries are checked
// against /metrics in metric-names.test.ts; no Grafana runs here.)
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';

const dir = path.resolve(import.meta.dirname, 'grafana');
const source = z.object({ type: z.literal('prometheus'), uid: z.literal('${datasource}') });
const panel = z.strictObject({
  id: z.number().int(), type: z.enum(['stat', 'timeseries', 'table']), title: z.string().min(1), description: z.string().min(1),
  datasource: source, gridPos: z.object({ x: z.number().int().min(0), y: z.number().int().min(0), w: z.number().int().min(1), h: z.number().int().min(1) }),
  targets: z.array(z.object({ refId: z.string(), datasource: source, expr: z.string().min(1), legendFormat: z.string(), instant: z.boolean().optional(), format: z.string().optional() })).min(1),
  fieldConfig: z.object({ defaults: z.record(z.string(), z.unknown()), overrides: z.array(z.unknown()) }),
  options: z.record(z.string(), z.unknown()).optional(),
});
const dashboard = z.object({
  uid: z.string().regex(/^[a-zA-Z0-9_-]{1,40}$/), title: z.string(), schemaVersion: z.number().int().min(36),
  templating: z.object({ list: z.array(z.object({ name: z.string(), type: z.string() })) }),
  panels: z.array(panel),
});

describe('deploy/grafana', () => {
  const d = dashboard.parse(JSON.parse(readFileSync(path.join(dir, 'headroom.json'), 'utf8')));

  it('is a dashboard model whose panels all query the data source the user picks', () => {
    expect(d.templating.list.map((v) => `${v.name}:${v.type}`)).toEqual(['datasource:datasource', 'host:query', 'dimension:query']);
    expect(new Set(d.panels.map((p) => p.id)).size).toBe(d.panels.length);
    for (const p of d.panels) expect(new Set(p.targets.map((t) => t.refId)).size, p.title).toBe(p.targets.length);
  });

  it('lays its panels on the 24-column grid without overlap', () => {
    const cells = new Set<string>();
    for (const p of d.panels) {
      const { x, y, w, h } = p.gridPos;
      expect(x + w, p.title).toBeLessThanOrEqual(24);
      for (let i = x; i < x + w; i++) for (let j = y; j < y + h; j++) {
        expect(cells.has(`${i},${j}`), `${p.title} overlaps at ${i},${j}`).toBe(false);
        cells.add(`${i},${j}`);
      }
    }
  });

  it('is loaded by a file provider from the folder the docs name', () => {
    const p = parse(readFileSync(path.join(dir, 'provisioning/headroom.yaml'), 'utf8')) as { apiVersion: number; providers: { type: string; options: { path: string } }[] };
    expect(p.apiVersion).toBe(1);
    expect(p.providers).toEqual([expect.objectContaining({ type: 'file', options: { path: '/var/lib/grafana/dashboards/headroom' } })]);
    expect(readFileSync(path.resolve(dir, '../../docs/deploy.md'), 'utf8')).toContain('/var/lib/grafana/dashboards/headroom');
  });
});
