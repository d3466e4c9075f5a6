// Exactness against the live kernel, and the fd flavour of the failure:
// a process walks up to its own soft limit while the server watches.
import { execFile, execFileSync, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostList } from '../lib/protocol';
import { report as reportSchema, type Report } from '../lib/protocol';
import { createToken } from '../lib/access';
import { freePort, startAppServer } from '../lib/testing/app-server';
import type { TestDatabase } from '../lib/testing/databases';
import { useRouteDatabase } from '../lib/testing/route-database';
import { getHosts, postReport } from '../lib/testing/http';
import { runsBinary } from '../lib/testing/procs';
import { startFakeDocker } from './testdata/fake-docker';
import { agentBundle, startHolder } from './testdata/holder';

// Asynchronous, so servers inside this test process (the fake Docker API) can answer the agent.
async function agentPrint(env: Record<string, string> = {}, args: string[] = []): Promise<Report> {
  const { stdout } = await promisify(execFile)(process.execPath, [agentBundle, '--print', ...args], { env: { ...process.env, ...env } });
  return reportSchema.parse(JSON.parse(stdout));
}

const fileNr = () => readFileSync('/proc/sys/fs/file-nr', 'utf8').trim().split(/\s+/).map(Number);

describe('agent against the live kernel', () => {
  let t: TestDatabase;
  let ingest: string;
  let read: string;
  useRouteDatabase('postgres', async (db) => {
    t = db;
    ingest = (await createToken(t.db, { name: 'a', scope: 'ingest' })).token;
    read = (await createToken(t.db, { name: 'r', scope: 'read' })).token;
  });

  const statusOf = async (name: string) => hostList.parse(await (await getHosts(read)).json()).hosts.find((h) => h.name === name)!;

  it('reports system handles and limits as the kernel has them', async () => {
    const before = fileNr();
    const r = await agentPrint();
    const after = fileNr();
    expect(r.fds.max).toBe(after[2]);
    expect(r.fds.nrOpen).toBe(Number(readFileSync('/proc/sys/fs/nr_open', 'utf8')));
    // Allocated handles move while we look: the agent's figure lies between two readings around it.
    expect(r.fds.allocated).toBeGreaterThanOrEqual(Math.min(before[0]!, after[0]!) - 64);
    expect(r.fds.allocated).toBeLessThanOrEqual(Math.max(before[0]!, after[0]!) + 64);
    expect(r.inotify.maxQueuedEvents).toBe(Number(readFileSync('/proc/sys/fs/inotify/max_queued_events', 'utf8')));
    expect(r.scan.processes).toBeGreaterThan(5);
  });

  it('turns the host warning then critical before a process runs out of its own fds', async () => {
    const holder = await startHolder({ nofile: 48 });
    const statuses: string[] = [];
    let answer = 'ok';
    while ((answer = await holder.open(1)) === 'ok') {
      const r = await agentPrint({}, ['--host-name', 'fd-host']);
      const me = r.processes.find((p) => p.pid === holder.pid);
      expect(me?.fdLimit).toBe(48);
      expect(me?.fds).toBe(Number(execFileSync('sh', ['-c', `ls /proc/${holder.pid}/fd | wc -l`]).toString()));
      expect((await postReport(r, ingest)).status).toBe(202);
      statuses.push((await statusOf('fd-host')).status);
    }
    holder.close();
    expect(answer).toBe('err EMFILE');
    const firstBad = statuses.findIndex((s) => s !== 'ok');
    expect(statuses[firstBad]).toBe('warning'); // never straight from ok to the wall
    expect(statuses.at(-1)).toBe('critical');
    expect(statuses.slice(firstBad).filter((s) => s === 'critical').length).toBeGreaterThanOrEqual(2);
  });

  it('charges instances made in a root-created user namespace to its owner, not to the mapped UID', async () => {
    const holder = await startHolder({ mappedUserns: { outerUid: 100000 } });
    for (let i = 0; i < 3; i++) expect(await holder.inotify(2)).toBe('ok');
    const r = await agentPrint();
    const me = r.processes.find((p) => p.pid === holder.pid)!;
    expect(me).toMatchObject({ euid: 100000, userNsOwner: 0, inotifyInstances: 3, inotifyWatches: 6 });
    // In the initial namespace the kernel charges the namespace's owner (root here), not UID 100000.
    expect(r.uids.find((u) => u.uid === 100000)).toBeUndefined();
    expect(r.uids.find((u) => u.uid === 0)!.instances).toBeGreaterThanOrEqual(3);
    holder.close();
  });

  it("charges an unprivileged user's own namespace to that user, as the kernel does", async () => {
    // `unshare -U -r` as UID 4242 with no fork: the process that created the
    // namespace is the holder itself, and its parent (this test) is root.
    const inside = await startHolder({ userns: { uid: 4242 } });
    const outside = await startHolder({ uid: 4242 });
    try {
      for (let i = 0; i < 5; i++) expect(await inside.inotify(1)).toBe('ok');
      const r = await agentPrint();
      expect(r.processes.find((p) => p.pid === inside.pid)).toMatchObject({ euid: 4242, userNsOwner: 4242, inotifyInstances: 5 });
      expect(r.uids.find((u) => u.uid === 4242)?.instances).toBe(5);
      // The kernel's own count: UID 4242 outside any namespace gets only what
      // is left of the host's per-user limit after the namespace's five.
      const limit = Number(readFileSync('/proc/sys/fs/inotify/max_user_instances', 'utf8'));
      let made = 0;
      while ((await outside.inotify(0)) === 'ok') made++;
      expect(made).toBe(limit - 5);
    } finally {
      inside.close();
      outside.close();
    }
  });

  describe('BuildKit', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hr-bk-'));
    const mark = path.join(dir, 'ran-by');
    const bin = path.join(dir, 'bin', 'buildkitd');
    beforeAll(() => {
      chmodSync(dir, 0o777);
      execFileSync('mkdir', ['-p', path.dirname(bin)]);
      chmodSync(path.dirname(bin), 0o755);
      execFileSync('cc', ['-O2', `-DMARK="${mark}"`, '-DVERSION="v0.20.0"', '-DREVISION="121ecd5b9083b8eef32183cd404dd13e15b4a3df"',
        '-o', bin, path.join(import.meta.dirname, 'testdata/fake-buildkitd.c')]);
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it("reads a host buildkitd's version out of its binary without running it, and the server flags v0.20.0", async () => {
      const daemon = spawn(bin, [], { stdio: 'ignore' });
      try {
        await runsBinary(daemon.pid!, bin);
        const r = await agentPrint({}, ['--host-name', 'bk-host']);
        expect(r.daemons.find((d) => d.pid === daemon.pid)).toMatchObject({ name: 'buildkitd', version: 'v0.20.0' });
        expect(existsSync(mark)).toBe(false);
        expect((await postReport(r, ingest)).status).toBe(202);
        expect((await statusOf('bk-host')).crashingBuildkit).toBe(true);
      } finally {
        daemon.kill();
      }
    });

    it('never runs a buildkitd binary, not even one others could have written', async () => {
      const writable = path.join(dir, 'w', 'buildkitd');
      execFileSync('mkdir', ['-p', path.dirname(writable)]);
      copyFileSync(bin, writable);
      chmodSync(writable, 0o777);
      rmSync(mark, { force: true });
      const daemon = spawn(writable, [], { stdio: 'ignore' });
      try {
        await runsBinary(daemon.pid!, writable);
        const r = await agentPrint();
        // Reading its bytes is harmless; a planted file can at worst claim a version.
        expect(r.daemons.find((d) => d.pid === daemon.pid)).toMatchObject({ name: 'buildkitd', version: 'v0.20.0' });
        expect(existsSync(mark)).toBe(false);
      } finally {
        daemon.kill();
      }
    });
  });

  it('counts containers through a Docker socket and reports the method', async () => {
    const docker = await startFakeDocker([{ Id: 'a'.repeat(64), Image: 'moby/buildkit:v0.20.0-rc1', State: 'running' }]);
    const r = await agentPrint({ HEADROOM_DOCKER_SOCKET: docker.socket });
    await docker.close();
    expect(r.containers).toEqual({ method: 'docker-api', running: 1, total: 1, buildkitImages: ['moby/buildkit:v0.20.0-rc1'] });
  });

  it('--once exits 0 when delivered, 3 when only spooled, 1 when it could do neither', async () => {
    const spool = mkdtempSync(path.join(os.tmpdir(), 'hr-once-'));
    const down = `http://127.0.0.1:${await freePort()}`;
    const once = (server: string, spoolDir: string) =>
      new Promise<{ status: number | null; stderr: string }>((resolve) => {
        const c = spawn(process.execPath, [agentBundle, '--once', '--server', server, '--token', ingest, '--spool-dir', spoolDir]);
        let stderr = '';
        c.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
        c.on('exit', (status) => resolve({ status, stderr }));
      });
    const server = await startAppServer();
    const delivered = await once(server.url, spool);
    await server.stop();
    // Quiet when delivered, but for what it cannot see (this sandbox's PID 1 refuses even root).
    expect(delivered.stderr.split('\n').filter((l) => l && !/process\(es\) unreadable/.test(l))).toEqual([]);
    expect(delivered.status).toBe(0);
    const spooled = await once(down, spool);
    expect(spooled.status).toBe(3);
    expect(spooled.stderr).toMatch(/server not taking reports \(ECONNREFUSED\)/);
    const lost = await once(down, '/proc/version/nope');
    expect(lost.status).toBe(1);
    expect(lost.stderr.trim().split('\n')).toHaveLength(1); // one line, no stack trace
  });
});
