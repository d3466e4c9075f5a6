#!/usr/bin/env node
// Runs the TypeScript CLI (lib/cli) through tsx. The react-server condition lets
// server-only modules load outside Next.js; signals reach the child unchanged,
// and the child stops by itself if this process is killed (as every process
// `headroom serve` starts does: lib/cli/node-args.ts).
import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stopWithParent = pathToFileURL(path.join(root, 'lib/cli/stop-with-parent.mjs')).href;
// Started by npm (npm start, npx): npm is the launcher a supervisor or a user
// stops, so a dead npm, SIGKILLed or not, stops this process too.
if (process.env.npm_lifecycle_event) await import(stopWithParent);
// Paths given relative to where the user stood stay so after the chdir to the project.
const env = { ...process.env };
if (env.HEADROOM_DATA_DIR) env.HEADROOM_DATA_DIR = path.resolve(env.HEADROOM_DATA_DIR);
const args = ['--conditions=react-server', '--import', 'tsx', '--import', stopWithParent, path.join(root, 'lib/cli/main.ts'), ...process.argv.slice(2)];
const child = spawn(process.execPath, args, { stdio: 'inherit', cwd: root, env });
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
