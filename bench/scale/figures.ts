// The scale benchmark's figures that README.md and docs/scaling.md quote,
// as the text they quote them in (docs/figures.json, npm run docs:figures).
import { keptUp, type Run } from './ingest';

export interface ScaleRun {
  started: Date;
  pg: { fleets: Run[]; ceilings: Run[]; floor: Run; fleetApi: { p95: number }; history: { p95: number }[]; prune: { seconds: number; run: Run };
    replicas: { run: Run }; write: { rate: number }; copy: { reports: number; seconds: number } };
  lite: { fleets: Run[]; ceilings: Run[]; fleetApi: { p95: number }; history: { p95: number }[] };
}

const n0 = (x: number) => Math.round(x).toLocaleString('en-US');
const f1 = (x: number) => x.toFixed(1);
const ms = (x: number) => `${Math.round(x)} ms`;
const latency = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(1)} s` : `${f1(x)} ms`);
const span = (xs: number[], round: (x: number) => number) => {
  const [lo, hi] = [round(Math.min(...xs)), round(Math.max(...xs))];
  return lo === hi ? n0(lo) : `${n0(lo)}–${n0(hi)}`;
};
const to50 = (x: number) => Math.round(x / 50) * 50;

/** How a fleet run went, in the words of the docs' table. */
function outcome(r: Run): string {
  const pace = keptUp(r) ? 'kept pace' : `${n0(r.rate)} of ${n0(r.offered ?? r.rate)} reports/s accepted`;
  const lost = r.unaccepted === 0 ? 'none lost' : `${n0(r.unaccepted)} never accepted`;
  return `${pace}, ${n0(r.accepted)} reports, ${lost}, p50 ${latency(r.p50)}, p99 ${latency(r.p99)}`;
}

export function scaleFigures({ started, pg, lite }: ScaleRun): Record<string, string> {
  const fleet = (runs: Run[], hosts: number) => runs.find((r) => r.hosts === hosts);
  const copyRate = pg.copy.reports / pg.copy.seconds;
  const ofCopy = (rate: number) => `${(100 * rate / copyRate).toFixed(1)} %`;
  const out: Record<string, string> = {
    'scale.run': `${started.toISOString().slice(0, 10)} ${started.toISOString().slice(11, 16)} UTC`,
    'scale.pg.ceiling': span(pg.ceilings.map((r) => r.rate), to50),
    'scale.floor': n0(Math.round(pg.floor.rate / 100) * 100),
    'scale.pglite.ceiling': span(lite.ceilings.map((r) => r.rate), to50),
    'scale.fleet-page.pg': ms(pg.fleetApi.p95),
    'scale.fleet-page.pglite': ms(lite.fleetApi.p95),
    'scale.history.pg': `${span(pg.history.map((h) => h.p95), Math.round)} ms`,
    'scale.history.pglite': `${span(lite.history.map((h) => h.p95), Math.round)} ms`,
    'scale.prune': `${pg.prune.seconds.toFixed(1)} s; p99 ${ms(pg.prune.run.p99)}`,
    'scale.replicas.p99': ms(pg.replicas.run.p99),
    'scale.copy.rate': n0(copyRate),
    'scale.copy.ingest': ofCopy(pg.ceilings[0]!.rate),
    'scale.copy.write-path': ofCopy(pg.write.rate),
    'scale.copy.floor': ofCopy(pg.floor.rate),
  };
  for (const hosts of [10_000, 20_000, 40_000]) {
    const r = fleet(pg.fleets, hosts);
    if (!r) continue;
    out[`scale.pg.${hosts / 1000}k`] = outcome(r);
    if (!keptUp(r)) continue;
    out[`ingest.pg.${hosts / 1000}k.p50`] = ms(r.p50);
    out[`ingest.pg.${hosts / 1000}k.p99`] = ms(r.p99);
  }
  const liteUp = lite.fleets.filter(keptUp).at(-1);
  const tried = lite.fleets.at(-1);
  if (liteUp && tried) {
    const at = [1000, 5000, 10_000].map((h) => fleet(lite.fleets, h)).filter((r): r is Run => r !== undefined);
    out['scale.pglite'] = `p99 under 100 ms up to ${n0(liteUp.hosts)} hosts${liteUp === tried ? ', the largest tried' : ''} (${at.map((r) => `${ms(r.p99)} at ${n0(r.hosts)}`).join(', ')})`;
    out['ingest.pglite.max-hosts'] = n0(liteUp.hosts);
    out['ingest.pglite.max-hosts.p99'] = ms(liteUp.p99);
  }
  return out;
}
