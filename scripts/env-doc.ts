// npm run docs:env — rewrites README.md's configuration table from lib/server/env.ts.
import { readFileSync, writeFileSync } from 'node:fs';
import { ENV_END, ENV_START, envTable } from '../lib/server/env-doc';

const readme = readFileSync('README.md', 'utf8');
const start = readme.indexOf(ENV_START);
const end = readme.indexOf(ENV_END);
if (start < 0 || end < start) throw new Error('README.md has no env markers');
writeFileSync('README.md', readme.slice(0, start + ENV_START.length) + '\n' + envTable() + '\n' + readme.slice(end));
console.log('README.md: configuration table updated');
