#!/usr/bin/env node
// Runs the TypeScript CLI (lib/cli) through tsx. The react-server condition lets
// server-only modules load outside Next.js; signals reach the child unchanged.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Paths given relative to where the user stood stay so after the chdir to the project.
const env = { ...process.env };
if (env.HEADROOM_DATA_DIR) env.HEADROOM_DATA_DIR = path.resolve(env.HEADROOM_DATA_DIR);
const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', path.join(root, 'lib/cli/main.ts'), ...process.argv.slice(2)], {
  stdio: 'inherit',
  cwd: root,
  env,
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
