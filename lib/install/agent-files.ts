// The agent files the server hands to hosts, and their SHA-256, which the
// install script checks every download against.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { AppError } from '../server/errors';

export interface AgentFile { name: string; path: string; contentType: string; buildWith: string }

/** The bundle (Node.js 20+), and the single executable for this server's own platform. */
export function agentFiles(dist = path.join(process.cwd(), 'agent/dist')): { bundle: AgentFile; executable: AgentFile } {
  return {
    bundle: { name: 'headroom-agent.js', path: path.join(dist, 'headroom-agent.js'), contentType: 'text/javascript; charset=utf-8', buildWith: 'npm run build:agent' },
    // `npm run build:agent:sea` copies the server's own Node.js binary: it runs where the server's would.
    executable: { name: `headroom-agent-${process.platform}-${process.arch}`, path: path.join(dist, 'headroom-agent'), contentType: 'application/octet-stream', buildWith: 'npm run build:agent:sea' },
  };
}

const hashes = new Map<string, { key: string; sha256: string }>();

/** The file's SHA-256, or null when it is not built; computed once per version of the file. */
export async function sha256Of(file: AgentFile): Promise<string | null> {
  const s = await stat(file.path).catch(() => null);
  if (!s?.isFile()) return null;
  const key = `${s.ino}:${s.size}:${s.mtimeMs}`;
  const known = hashes.get(file.path);
  if (known?.key === key) return known.sha256;
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file.path)) hash.update(chunk as Buffer);
  const sha256 = hash.digest('hex');
  hashes.set(file.path, { key, sha256 });
  return sha256;
}

/** `sha256sum` lines for the files that are built. */
export async function checksumLines(): Promise<string> {
  const lines = [];
  for (const f of Object.values(agentFiles())) {
    const sha = await sha256Of(f);
    if (sha) lines.push(`${sha}  ${f.name}\n`);
  }
  return lines.join('');
}

/** The agent file named `name` as a download, or a not_found that says how to build it. */
export async function agentDownload(name: string): Promise<Response> {
  const file = Object.values(agentFiles()).find((f) => f.name === name);
  if (!file) throw new AppError('not_found', `no agent file ${name}: this server serves ${Object.values(agentFiles()).map((f) => f.name).join(' and ')}`);
  const s = await stat(file.path).catch(() => null);
  if (!s?.isFile()) throw new AppError('not_found', `${name} is not built on this server: run ${file.buildWith}`);
  const body = Readable.toWeb(createReadStream(file.path)) as ReadableStream<Uint8Array>;
  return new Response(body, { headers: { 'content-type': file.contentType, 'content-length': String(s.size), 'cache-control': 'no-cache', 'content-disposition': `attachment; filename="${name}"` } });
}
