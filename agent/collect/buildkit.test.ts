// The BuildKit version read out of a binary's bytes: a marker that straddles
// the scanner's chunks, a binary without build info but with a crashing
// release's commit, and a real process through /proc/PID/exe.
import { spawn, execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runsBinary } from '../../lib/testing/procs';
import { buildkitVersion, exeVersion, scanVersion } from './buildkit';

const dir = mkdtempSync(path.join(os.tmpdir(), 'hr-bkscan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function scanOf(bytes: Buffer): string | null {
  const file = path.join(dir, `f${Math.random()}`);
  writeFileSync(file, bytes);
  const fd = openSync(file, 'r');
  try { return scanVersion(fd); } finally { closeSync(fd); }
}
const junk = (n: number) => Buffer.alloc(n, 0x5a);
const marker = (v: string) => Buffer.from(`-X github.com/moby/buildkit/version.Version=${v} -X github.com/moby/buildkit/version.Revision=`);

describe('scanVersion', () => {
  it('finds the version wherever it sits, across the 1 MiB chunks too', () => {
    expect(scanOf(Buffer.concat([junk(100), marker('v0.20.0'), junk(100)]))).toBe('v0.20.0');
    for (const offset of [(1 << 20) - 50, (1 << 20) - 10, (1 << 20) + 3, 3 * (1 << 20) - 30]) {
      expect(scanOf(Buffer.concat([junk(offset), marker('v0.20.0-rc2'), junk(5000)])), String(offset)).toBe('v0.20.0-rc2');
    }
    // At the very end of the file.
    expect(scanOf(Buffer.concat([junk((1 << 20) - 20), Buffer.from('github.com/moby/buildkit/version.Version=v0.21.1')]))).toBe('v0.21.1');
  });

  it("knows a crashing release by its commit when there is no build info, and nothing else", () => {
    expect(scanOf(Buffer.concat([junk(2 << 20), Buffer.from('121ecd5b9083b8eef32183cd404dd13e15b4a3df'), junk(10)]))).toBe('v0.20.0');
    expect(scanOf(Buffer.concat([junk(10), Buffer.from('6cad2f9c52af1cb78a0f590a68fe37e968efdba9')]))).toBe('v0.20.0-rc3');
    expect(scanOf(junk(3 << 20))).toBeNull();
  });
});

describe('a running buildkitd', () => {
  const bin = path.join(dir, 'bin', 'buildkitd');
  const mark = path.join(dir, 'ran');
  execFileSync('mkdir', ['-p', path.dirname(bin)]);
  execFileSync('cc', ['-O2', `-DMARK="${mark}"`, '-DVERSION="v0.20.0"', '-DREVISION="121ecd5b9083b8eef32183cd404dd13e15b4a3df"',
    '-o', bin, path.join(import.meta.dirname, '../testdata/fake-buildkitd.c')]);

  it('is dated through /proc/PID/exe without being run, even after its file is gone, and whatever its image tag says', async () => {
    const daemon = spawn(bin, [], { stdio: 'ignore' });
    try {
      await runsBinary(daemon.pid!, bin);
      expect(exeVersion(daemon.pid!)).toBe('v0.20.0');
      // A container's binary is not at that path in the agent's own filesystem; a deleted one is nowhere.
      rmSync(bin);
      expect(exeVersion(daemon.pid!)).toBe('v0.20.0');
      // buildx's default image is a floating tag: the binary decides.
      const images = new Map([['c1', 'moby/buildkit:buildx-stable-1']]);
      expect(buildkitVersion(daemon.pid!, 'c1', images)).toBe('v0.20.0');
      expect(() => execFileSync('test', ['-e', mark])).toThrow();
    } finally {
      daemon.kill();
    }
  });
});
