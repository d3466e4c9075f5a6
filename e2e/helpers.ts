import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** The environment that points the CLI at the database of the server under test. */
export function serverEnv(baseURL: string): NodeJS.ProcessEnv {
  const port = new URL(baseURL).port;
  return { ...process.env, ...JSON.parse(readFileSync(`e2e/.state/${port}.json`, 'utf8')) };
}

/** A token made with the real CLI, next to the running server. */
export function cliToken(baseURL: string, scope: 'ingest' | 'read' | 'admin', name: string): string {
  return execFileSync(process.execPath, ['bin/headroom.mjs', 'token', 'create', '--name', name, '--scope', scope], { env: serverEnv(baseURL), stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
}
