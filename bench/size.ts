// npm run bench:size [-- --hosts N --days D] — disk per host per day on
// Postgres and on the embedded database (bench/scale/size.ts), alone: writes
// its section of docs/BENCHMARKS.md and its figures in docs/figures.json.
import { parseArgs } from 'node:util';
import { sizeSection } from './scale/size-section';

const { values: a } = parseArgs({ options: { hosts: { type: 'string', default: '50' }, days: { type: 'string', default: '2' } }, strict: true });
const hosts = Number(a.hosts);
const days = Number(a.days);
if (!Number.isInteger(hosts) || hosts < 1) throw new Error('--hosts must be a whole number of hosts, at least 1');
if (!Number.isInteger(days) || days < 2) throw new Error('--days must be a whole number, at least 2 (the last day against the one before)');
await sizeSection({ hosts, days, log: (m) => console.log(`bench: ${m}`) });
