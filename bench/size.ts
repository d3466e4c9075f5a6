// npm run bench:size [-- --hosts N --days D] — disk per host per day on
// Postgres and on the embedded database (bench/scale/size.ts), alone: writes
// its section of docs/BENCHMARKS.md and its figures in docs/figures.json.
import { parseArgs } from 'node:util';
import { sizeSection } from './scale/size-section';

const refuse = (m: string): never => { console.error(`bench:size: ${m}`); process.exit(2); };
const options = { hosts: { type: 'string', default: '50' }, days: { type: 'string', default: '2' } } as const;
const { values: a } = (() => {
  try { return parseArgs({ options, strict: true }); } catch (err) { return refuse((err as Error).message); }
})();
const hosts = Number(a.hosts);
const days = Number(a.days);
if (!Number.isInteger(hosts) || hosts < 1) refuse('--hosts must be a whole number of hosts, at least 1');
if (!Number.isInteger(days) || days < 2) refuse('--days must be a whole number, at least 2 (the last day is measured against the one before)');
await sizeSection({ hosts, days, log: (m) => console.log(`bench: ${m}`) });
