import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { Backoff } from './backoff';
import { flush } from './deliver';
import type { SendOutcome } from './send';
import { Spool } from './spool';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'hr-spool-'));
const body = (seq: number, pad = 0) => JSON.stringify({ seq, pad: 'x'.repeat(pad) });

describe('spool', () => {
  it('keeps reports in order across a restart, with sequence numbers that never repeat', () => {
    const dir = tmp();
    const a = new Spool(dir, 1e6);
    for (let i = 0; i < 3; i++) a.put(a.nextSeq(), body(i));
    a.remove(a.oldest()!.name);
    const b = new Spool(dir, 1e6);
    expect(b.pending).toBe(2);
    expect(b.oldest()!.seq).toBe(2);
    expect(b.nextSeq()).toBe(4);
    while (b.oldest()) b.remove(b.oldest()!.name);
    // Empty, yet the numbering goes on: the server can tell a restart from a loss.
    expect(new Spool(dir, 1e6).nextSeq()).toBe(4);
  });

  it('ignores and clears a write cut short by a crash', () => {
    const dir = tmp();
    new Spool(dir, 1e6).put(1, body(1));
    writeFileSync(path.join(dir, '.tmp-000000000002.json'), '{"half');
    const s = new Spool(dir, 1e6);
    expect(s.pending).toBe(1);
    expect(existsSync(path.join(dir, '.tmp-000000000002.json'))).toBe(false);
    expect(JSON.parse(s.oldest()!.body)).toEqual({ seq: 1, pad: '' });
  });

  it('drops the oldest reports past its cap, counts them, and keeps the newest', () => {
    const dir = tmp();
    const s = new Spool(dir, 5000);
    let dropped = 0;
    for (let i = 0; i < 10; i++) {
      const b = body(i, 1000);
      dropped += s.makeRoom(b.length);
      s.put(s.nextSeq(), b);
    }
    expect(s.size).toBeLessThanOrEqual(5000);
    expect(dropped).toBe(10 - s.pending);
    expect(s.dropped).toBe(dropped);
    expect(s.oldest()!.seq).toBe(10 - s.pending + 1);
    expect(new Spool(dir, 5000).dropped).toBe(dropped);
    expect(readdirSync(dir).filter((n) => n.endsWith('.json') && n !== 'state.json')).toHaveLength(s.pending);
  });
});

describe('flush', () => {
  it('sends oldest first, stops at the first retryable failure, drops rejected reports', async () => {
    const s = new Spool(tmp(), 1e6);
    for (let i = 1; i <= 4; i++) s.put(i, body(i));
    const answers: SendOutcome[] = [{ kind: 'delivered' }, { kind: 'rejected', message: 'HTTP 422' }, { kind: 'retry', message: 'ECONNREFUSED' }];
    const sent: number[] = [];
    const logs: string[] = [];
    const r = await flush(s, async (b) => { sent.push(JSON.parse(b).seq); return answers.shift()!; }, (m) => logs.push(m));
    expect(sent).toEqual([1, 2, 3]);
    expect(r).toEqual({ delivered: 1, rejected: 1, retry: 'ECONNREFUSED' });
    expect(s.oldest()!.seq).toBe(3);
    expect(logs).toEqual(['report #2 rejected by the server and dropped: HTTP 422']);
  });
});

describe('a spool that cannot be read', () => {
  it('drops and counts an entry that cannot be read at all, so it does not block the rest', async () => {
    const dir = tmp();
    const s = new Spool(dir, 1e6);
    for (let i = 1; i <= 3; i++) s.put(i, body(i));
    rmSync(path.join(dir, '000000000001.json')); // removed by hand
    rmSync(path.join(dir, '000000000002.json'));
    mkdirSync(path.join(dir, '000000000002.json')); // never readable (EISDIR)
    const sent: number[] = [];
    const r = await flush(s, async (b) => { sent.push(JSON.parse(b).seq); return { kind: 'delivered' }; }, () => {});
    expect(sent).toEqual([3]);
    expect(r).toMatchObject({ delivered: 1, retry: null });
    expect(s.dropped).toBe(2);
    expect(readdirSync(dir).filter((n) => n.startsWith('0000'))).toEqual([]);
  });

  it('keeps every entry when the process has no file handles left (EMFILE, for real)', () => {
    const dir = tmp();
    const s = new Spool(dir, 1e6);
    for (let i = 1; i <= 5; i++) s.put(i, body(i));
    // A plain node child (no loader with handles of its own that could close
    // midway) with a low open-file limit fills its fd table, then flushes.
    const entry = path.join(tmp(), 'entry.mjs');
    writeFileSync(entry, `
      import { openSync } from 'node:fs';
      import { Spool } from ${JSON.stringify(path.join(__dirname, 'spool.ts'))};
      import { flush } from ${JSON.stringify(path.join(__dirname, 'deliver.ts'))};
      const s = new Spool(process.argv[2], 1e6);
      const held = [];
      try { for (;;) held.push(openSync('/dev/null', 'r')); } catch (e) { if (e.code !== 'EMFILE') throw e; }
      const r = await flush(s, async () => ({ kind: 'delivered' }), () => {});
      console.log(JSON.stringify({ held: held.length, ...r }));`);
    const bundle = path.join(path.dirname(entry), 'flush.mjs');
    buildSync({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', outfile: bundle, logLevel: 'silent' });
    const out = spawnSync('sh', ['-c', 'ulimit -n 256 && exec "$0" "$1" "$2"', process.execPath, bundle, dir], { encoding: 'utf8' });
    expect(out.stderr).toBe('');
    const r = JSON.parse(out.stdout) as { held: number; delivered: number; retry: string };
    expect(r.held).toBeGreaterThan(100);
    expect(r.delivered).toBe(0);
    expect(r.retry).toMatch(/EMFILE/);
    expect(new Spool(dir, 1e6).pending).toBe(5);
  });
});

describe('backoff', () => {
  it('doubles up to its ceiling with jitter in the upper half, and resets', () => {
    const b = new Backoff(1000, 8000, () => 1);
    expect([b.fail(0), b.fail(0), b.fail(0), b.fail(0), b.fail(0)]).toEqual([1000, 2000, 4000, 8000, 8000]);
    const low = new Backoff(1000, 8000, () => 0);
    expect([low.fail(0), low.fail(0)]).toEqual([500, 1000]);
    expect(low.ready(999)).toBe(false);
    low.reset();
    expect(low.ready(0)).toBe(true);
  });
});
