// `npm run lint`: the architecture's boundaries (scripts/lib/boundaries.mjs), part of `npm test`.
import path from 'node:path';
import { checkBoundaries } from './lib/boundaries.mjs';

const problems = checkBoundaries(path.resolve(import.meta.dirname, '..'));
if (problems.length) {
  console.error(problems.join('\n'));
  console.error(`boundaries: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log('boundaries: ok');
