// BuildKit's version: from the image tag of its container, or from the host
// binary's --version. Running a binary as root that another user could have
// placed is a privilege escalation, so only root-owned, not group/other
// writable binaries are run, as nobody, with no environment, once per file version.
import { spawnSync } from 'node:child_process';
import { readlinkSync, statSync } from 'node:fs';
import { isBuildkitImage } from './docker';

const VERSION = /\bv\d+\.\d+\.\d+(?:-rc\.?\d+)?\b/;
const NOBODY = 65534;
const cache = new Map<string, string | null>();

export function tagOf(image: string): string | null {
  const at = image.lastIndexOf(':');
  return at > image.lastIndexOf('/') ? image.slice(at + 1) : null;
}

export function binaryVersion(exe: string): string | null {
  let st;
  try {
    st = statSync(exe);
  } catch {
    return null;
  }
  if (st.uid !== 0 || (st.mode & 0o022) !== 0 || !st.isFile()) return null;
  const key = `${exe}:${st.ino}:${st.mtimeMs}`;
  if (cache.has(key)) return cache.get(key)!;
  // Without root the agent cannot drop to nobody, and a child would inherit its
  // ambient capabilities (systemd unit): then the version comes from images only.
  if (process.getuid?.() !== 0) return null;
  const r = spawnSync(exe, ['--version'], {
    // An empty environment: nothing of the agent's leaks into the binary (the cast only drops Next's NODE_ENV typing).
    encoding: 'utf8', timeout: 2000, maxBuffer: 64 * 1024, env: {} as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'ignore'],
    uid: NOBODY,
    gid: NOBODY,
  });
  const version = VERSION.exec(r.stdout ?? '')?.[0] ?? null;
  cache.set(key, version);
  return version;
}

export function buildkitVersion(pid: number, containerId: string | null, imageById: Map<string, string>, root = '/proc'): string | null {
  if (containerId) {
    const image = imageById.get(containerId);
    return image && isBuildkitImage(image) ? tagOf(image) : null; // never run a container's binary on the host
  }
  try {
    const exe = readlinkSync(`${root}/${pid}/exe`);
    return exe.endsWith(' (deleted)') ? null : binaryVersion(exe);
  } catch {
    return null;
  }
}
