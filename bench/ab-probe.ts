// One measurement of one checkout's own code, run by bench/ab.ts with that
// checkout as the working directory: prints one JSON line of timings in ms.
//   node --conditions=react-server --import tsx bench/ab-probe.ts fleet
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { warmTimings } from '../scripts/lib/timings';
import { seedFleet } from './fleet-seed';

const tree = process.cwd();
const RUNS = Number(process.env.AB_RUNS ?? 30);

/** The first of `candidates` (paths in the checkout, newest layout first) that exports `name`. */
async function pick<T>(name: string, candidates: string[]): Promise<T> {
  for (const rel of candidates) {
    try {
      const mod = (await import(pathToFileURL(path.join(tree, rel)).href)) as Record<string, unknown>;
      if (name in mod) return mod[name] as T;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw err;
    }
  }
  throw new Error(`${name}: not found in ${candidates.join(', ')} under ${tree}`);
}

type Open = (kind: 'postgres' | 'pglite') => Promise<{ db: Parameters<typeof seedFleet>[0] & object; close(): Promise<void> }>;

async function fleet(kind: 'postgres' | 'pglite') {
  const open = await pick<Open>('openTestDatabase', ['lib/testing/databases.ts']);
  const queryFleet = await pick<(db: unknown, q: unknown) => Promise<{ hosts: { id: string }[] }>>('queryFleet', ['lib/hosts/index.ts', 'lib/server/services/query-fleet.ts']);
  const hostTrends = await pick<(db: unknown, ids: string[]) => Promise<unknown>>('hostTrends', ['lib/hosts/index.ts', 'lib/server/services/fleet-trends.ts']);
  const fleetQuery = await pick<{ parse(v: unknown): object }>('fleetQuery', ['lib/protocol/index.ts', 'lib/fleet-query.ts']);
  const t = await open(kind);
  await seedFleet(t.db, 10_000);
  const page = (params: Record<string, string>, per?: number) => {
    const q = { ...fleetQuery.parse(params), ...(per ? { per } : {}) };
    return warmTimings(RUNS, async () => {
      const p = await queryFleet(t.db, q);
      await hostTrends(t.db, p.hosts.map((h) => h.id));
    });
  };
  const out = {
    'worst first, 50 a page': await page({}),
    'label + search + sort': await page({ label: 'ci', q: 'host-1', sort: 'exhaustion' }),
    'grouped by label': await page({ group: 'label' }),
    'worst first, 500 a page': await page({}, 500),
  };
  await t.close();
  return out;
}

const probes: Record<string, () => Promise<Record<string, { p50: number; p95: number }>>> = {
  fleet: () => fleet('postgres'),
  'fleet-pglite': () => fleet('pglite'),
};

const name = process.argv[2] ?? 'fleet';
const probe = probes[name];
if (!probe) throw new Error(`unknown probe ${name}; one of ${Object.keys(probes).join(', ')}`);
console.log(JSON.stringify(await probe()));
process.exit(0);
