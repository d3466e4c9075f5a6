// BuildKit's version: from its container's image tag when the tag names a
// release, otherwise read out of the buildkitd binary itself, through
// /proc/PID/exe, without running it. `docker buildx create` runs the floating
// tag moby/buildkit:buildx-stable-1, so the tag alone rarely tells; and
// /proc/PID/exe opens the very file the process runs, in whatever container
// (mount namespace) it lives, even deleted. Nothing is executed: an earlier
// version ran `buildkitd --version` as nobody, which needed root, failed in
// containers and DaemonSets (no CAP_SETUID), and ran binaries users could plant.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { versionTag } from '../../lib/protocol/image';
import { isBuildkitImage } from './docker';

// Release builds pass -X github.com/moby/buildkit/version.Version=<tag>, and Go
// keeps the -ldflags string in the binary's build info (BuildKit does not build
// with -trimpath). The commits of the crashing releases are a second witness,
// for a binary built without build info.
const MARKER = Buffer.from('github.com/moby/buildkit/version.Version=');
const CRASHING_COMMITS: Record<string, string> = {
  '67023657b39cb5abbade0ea0d863809b2b2f0363': 'v0.20.0-rc1',
  'c45cd57201465d5b66cce495c9f982b828ec7dcf': 'v0.20.0-rc2',
  '6cad2f9c52af1cb78a0f590a68fe37e968efdba9': 'v0.20.0-rc3',
  '121ecd5b9083b8eef32183cd404dd13e15b4a3df': 'v0.20.0',
};
const COMMITS = Object.entries(CRASHING_COMMITS).map(([commit, version]) => [Buffer.from(commit), version] as const);
const VERSION_CHARS = /^[A-Za-z0-9.+-]+/;
const CHUNK = 1 << 20;
// A buildkitd binary is 50–80 MB; anything past this is not worth a collection's time.
const MAX_SCAN = 256 << 20;

/** Scans an open file for the version marker (or a crashing release's commit). */
export function scanVersion(fd: number, size = Number.MAX_SAFE_INTEGER): string | null {
  const overlap = MARKER.length + 64;
  const buf = Buffer.alloc(CHUNK + overlap);
  let kept = 0;
  let commit: string | null = null;
  const end = Math.min(size, MAX_SCAN);
  for (let pos = 0; pos < end;) {
    const n = readSync(fd, buf, kept, CHUNK, pos);
    if (n <= 0) break;
    pos += n;
    const last = n < CHUNK || pos >= end;
    const view = buf.subarray(0, kept + n);
    const at = view.indexOf(MARKER);
    // A marker too near the chunk's end is read whole with the next chunk.
    if (at !== -1 && (last || at + MARKER.length + 40 <= view.length)) {
      const v = VERSION_CHARS.exec(view.subarray(at + MARKER.length, at + MARKER.length + 64).toString('latin1'))?.[0];
      if (v) return v;
    }
    for (const [bytes, version] of COMMITS) if (!commit && view.includes(bytes)) commit = version;
    // Keep the tail: a marker may straddle two chunks.
    kept = Math.min(overlap, view.length);
    view.copy(buf, 0, view.length - kept);
  }
  return commit;
}

const cache = new Map<string, string | null>();

/** The version in the binary a process runs, once per file (device, inode, change time). */
export function exeVersion(pid: number, root = '/proc'): string | null {
  let fd: number;
  try {
    fd = openSync(`${root}/${pid}/exe`, 'r');
  } catch {
    return null; // gone, or not ours to read (no CAP_SYS_PTRACE)
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return null;
    const key = `${st.dev}:${st.ino}:${st.ctimeMs}:${st.size}`;
    if (!cache.has(key)) cache.set(key, scanVersion(fd, st.size));
    return cache.get(key)!;
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

export function buildkitVersion(pid: number, containerId: string | null, imageById: Map<string, string>, root = '/proc'): string | null {
  const image = containerId ? imageById.get(containerId) : undefined;
  return (image && isBuildkitImage(image) ? versionTag(image) : null) ?? exeVersion(pid, root);
}
