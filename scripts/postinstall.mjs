// After npm install/ci: generate the Prisma client and bundle the agent, so a
// fresh clone is ready for `npm start` and the tests. Nothing here downloads.
import { spawnSync } from 'node:child_process';

for (const script of ['scripts/prisma-generate.mjs', 'scripts/build-agent.mjs']) {
  const r = spawnSync(process.execPath, [script], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
