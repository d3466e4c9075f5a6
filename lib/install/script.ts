// install.sh as this server serves it: the repository's script with the
// server's URL, the agent files' checksums and the systemd unit filled in.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../server/errors';
import { env, publicUrl } from '../server/env';
import { agentFiles, sha256Of } from './agent-files';

/** A value as one single-quoted shell word. */
const quoted = (v: string) => `'${v.replaceAll("'", "'\\''")}'`;

function fill(script: string, variable: string, value: string): string {
  const line = new RegExp(`^${variable}=''$`, 'm');
  if (!line.test(script)) throw new Error(`install.sh has no line ${variable}='' to fill in`);
  return script.replace(line, () => `${variable}=${quoted(value)}`);
}

/** `server`: the URL the script reports to unless told otherwise; empty makes --server required. */
export async function installScript(server: string, root = process.cwd()): Promise<string> {
  const files = agentFiles(path.join(root, 'agent/dist'));
  const [template, unit, bundleSha, executableSha] = await Promise.all([
    readFile(path.join(root, 'deploy/agent/install.sh'), 'utf8'),
    readFile(path.join(root, 'deploy/agent/headroom-agent.service'), 'utf8'),
    sha256Of(files.bundle),
    sha256Of(files.executable),
  ]);
  if (!bundleSha) throw new AppError('not_found', 'the agent is not built on this server: run npm run build:agent');
  const marker = "  cat <<'HEADROOM_UNIT'\nHEADROOM_UNIT\n";
  if (!template.includes(marker) || unit.split('\n').includes('HEADROOM_UNIT')) throw new Error('install.sh has no place for the unit, or the unit holds its end marker');
  let script = template.replace(marker, () => `  cat <<'HEADROOM_UNIT'\n${unit.endsWith('\n') ? unit : `${unit}\n`}HEADROOM_UNIT\n`);
  script = fill(script, 'default_server', server);
  script = fill(script, 'bundle_sha256', bundleSha);
  script = fill(script, 'executable_name', executableSha ? files.executable.name : '');
  return fill(script, 'executable_sha256', executableSha ?? '');
}

/** The script GET /install.sh serves: filled with HEADROOM_PUBLIC_URL when it is set, else with no default server. */
export const servedInstallScript = () => installScript(env().HEADROOM_PUBLIC_URL ? publicUrl() : '');

/**
 * What the Add-host command needs: the server to name (null: the browser's
 * own address) and the SHA-256 of exactly what GET /install.sh serves, or
 * why there is none (the agent is not built here).
 */
export async function installCheck(): Promise<{ server: string | null; sha256: string | null; missing: string | null; executable: string }> {
  const server = env().HEADROOM_PUBLIC_URL ? publicUrl() : null;
  const executable = agentFiles().executable.name;
  try {
    return { server, sha256: createHash('sha256').update(await servedInstallScript()).digest('hex'), missing: null, executable };
  } catch (err) {
    return { server, sha256: null, missing: (err as Error).message, executable };
  }
}
