// The running agent's watch on failed calls: reads the instance's trace_pipe
// in small chunks as events arrive, names each failing process while it still
// exists, and hands each report the interval's tally and the kernel's drops.
import { read, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CaptureReason } from '../../lib/protocol';
import type { CgroupIdentity } from '../collect/cgroup-identity';
import { identityFromCgroup } from '../collect/cgroup-identity';
import { tryReadText } from '../collect/fsread';
import { errnoOf } from './calls';
import { parseTraceLine, type TraceEvent } from './parse';
import { Tally, type TallySnapshot } from './tally';
import { closeInstance, findTracefs, isOff, lostEvents, openInstance, type Instance, type Off } from './tracefs';

export interface CaptureOptions {
  /** --no-failure-capture / HEADROOM_FAILURE_CAPTURE=0 turn it off. */
  enabled: boolean;
  /** HEADROOM_TRACEFS: where tracefs is (or is to be mounted); default /sys/kernel/tracing. */
  tracefs: string | undefined;
  /** Per-CPU trace buffer of the instance, KiB. */
  bufferKb: number;
  instanceName: string;
  procRoot: string;
}

export interface CaptureStatus { capture: 'on' | 'off'; reason: CaptureReason | null; message: string | null; missingCalls?: string[] }

export interface CaptureSnapshot extends TallySnapshot, CaptureStatus { dropped: number }

const CHUNK = 16 * 1024;
// At most this much of the pipe a second (~11,000 events): a storm costs bounded CPU; past it the
// kernel's buffer overflows, and what it loses is counted from its stats.
const MAX_CHUNKS_PER_SECOND = 64;
const MAX_CARRY = 4096;

interface Who { pid: number; uid: number | null; container: CgroupIdentity | null; comm: string | null }

/** Control characters would break the server's text; a comm can hold any byte but NUL. */
const clean = (s: string) => s.replace(/[\u0000-\u001f\u007f]/g, '?').slice(0, 64) || '?';

export class FailureCapture {
  private instance: Instance | null = null;
  private tally = new Tally();
  private lostSoFar = 0;
  private carry = '';
  private readonly chunk = Buffer.allocUnsafe(CHUNK);
  private timer: NodeJS.Timeout | undefined;
  /** Settles when the read in flight returns; null when none is. */
  private inFlight: Promise<void> | null = null;
  private window = { startMs: 0, chunks: 0 };
  private status: CaptureStatus;

  private constructor(private readonly opts: CaptureOptions, off: Off | null) {
    this.status = off ? { capture: 'off', reason: off.reason, message: off.message } : { capture: 'on', reason: null, message: null };
  }

  /** Never throws: where capture is impossible the reports say why. */
  static start(opts: CaptureOptions): FailureCapture {
    if (!opts.enabled) return FailureCapture.off({ reason: 'disabled', message: 'failure capture is turned off (--no-failure-capture or HEADROOM_FAILURE_CAPTURE=0)' }, opts);
    const fs = findTracefs(opts.tracefs);
    if (isOff(fs)) return FailureCapture.off(fs, opts);
    const inst = openInstance(fs.root, opts.instanceName, opts.bufferKb);
    if (isOff(inst)) return FailureCapture.off(inst, opts);
    const c = new FailureCapture(opts, null);
    c.instance = inst;
    if (inst.missing.length) c.status.missingCalls = inst.missing;
    c.readNext();
    return c;
  }

  private static off(off: Off, opts: CaptureOptions): FailureCapture {
    return new FailureCapture(opts, off);
  }

  /** --once and --print: one report, no time to watch anything fail. */
  static oneShot(procRoot: string): FailureCapture {
    const opts = { enabled: false, tracefs: undefined, bufferKb: 0, instanceName: '', procRoot };
    return new FailureCapture(opts, { reason: 'one-shot', message: 'a --once or --print run collects one report: failures are caught by a running agent' });
  }

  get statusLine(): string {
    if (this.status.capture === 'off') return `failure capture off: ${this.status.reason}: ${this.status.message}`;
    const stale = this.instance!.removedStale;
    return `failure capture on (${this.instance!.dir})${stale.length ? `; removed ${stale.length} trace instance(s) agents killed before they could: ${stale.join(', ')}` : ''}`;
  }

  /**
   * One read at a time on the blocking trace_pipe, in libuv's thread pool: it
   * returns as soon as a failure is in the buffer, so the failing process is
   * looked up while it still runs (one that crashes on the failure is gone a moment later).
   */
  private readNext(): void {
    const inst = this.instance;
    if (!inst) return;
    const now = Date.now();
    if (now - this.window.startMs >= 1000) this.window = { startMs: now, chunks: 0 };
    if (++this.window.chunks > MAX_CHUNKS_PER_SECOND) {
      this.timer = setTimeout(() => this.readNext(), 1000 - (now - this.window.startMs));
      return;
    }
    let settle = () => {};
    this.inFlight = new Promise((r) => { settle = r; });
    read(inst.fd, this.chunk, 0, CHUNK, null, (err, n) => {
      this.inFlight = null;
      settle();
      if (this.instance !== inst) return; // stopped meanwhile
      if (err) return this.fail(`reading trace_pipe: ${err.message}`);
      this.consume(n);
      this.readNext();
    });
  }

  private consume(n: number): void {
    const names = new Map<number, Who>();
    const text = this.carry + this.chunk.toString('latin1', 0, n);
    const end = text.lastIndexOf('\n');
    this.carry = text.slice(end + 1);
    if (this.carry.length > MAX_CARRY) this.carry = '';
    for (const line of text.slice(0, end + 1).split('\n')) if (line) this.take(line, names);
  }

  private take(line: string, names: Map<number, Who>): void {
    const e = parseTraceLine(line);
    if (!e) {
      // Losses are counted from the buffer's stats; the marker is the agent's own wake-up at stop.
      if (!/\[LOST \d+ EVENTS\]|tracing_mark_write/.test(line)) this.tally.addUnreadable();
      return;
    }
    const errno = errnoOf(e.ret);
    if (!errno) return this.tally.addUnreadable();
    const who = names.get(e.tid) ?? this.resolve(e);
    names.set(e.tid, who);
    const comm = e.comm === '<...>' ? who.comm ?? '<...>' : e.comm;
    this.tally.add({ call: e.call, errno, program: clean(comm), pid: who.pid, uid: who.uid, container: who.container, atMs: this.wallMs(e.ts) });
  }

  /** The failing task, looked up at once: a process that crashed on the failure is gone by the next report. */
  private resolve(e: TraceEvent): Who {
    const root = this.opts.procRoot;
    const status = tryReadText(`${root}/${e.tid}/status`);
    const tgid = Number(/^Tgid:\s*(\d+)/m.exec(status ?? '')?.[1]) || e.tgid || e.tid;
    const uidLine = status ? /^Uid:\s*\d+\s+(\d+)/m.exec(status) : null;
    const cgroup = status ? tryReadText(`${root}/${tgid}/cgroup`) : null;
    const comm = status ? /^Name:\s*(.*)$/m.exec(status)?.[1] ?? null : null;
    const uid = uidLine ? Number(uidLine[1]) : null;
    // (uid_t)-1 is "no user": the protocol has no such UID.
    return { pid: tgid, uid: uid !== null && uid < 2 ** 32 - 1 ? uid : null, container: cgroup ? identityFromCgroup(cgroup) : null, comm };
  }

  /** Trace times are CLOCK_MONOTONIC seconds (trace_clock mono), as is process.hrtime. */
  private wallMs(ts: number): number {
    const monoMs = Number(process.hrtime.bigint() / 1_000_000n);
    return Date.now() - (monoMs - ts * 1000);
  }

  private fail(message: string): void {
    try {
      this.stopNow();
    } catch { /* the next start replaces the instance */ }
    this.status = { capture: 'off', reason: 'failed', message };
  }

  /** The interval's failures and losses since the previous snapshot. */
  snapshot(): CaptureSnapshot {
    let dropped = 0;
    if (this.instance) {
      const lost = lostEvents(this.instance);
      dropped = Math.max(0, lost - this.lostSoFar);
      this.lostSoFar = Math.max(lost, this.lostSoFar);
    }
    return { ...this.tally.take(), ...this.status, dropped };
  }

  /**
   * Removes the trace instance; safe to call more than once. The read parked in
   * the kernel holds trace_pipe open, so rmdir would be refused, and its fd
   * must not be closed under it (the number could be reused before the read
   * starts): a marker wakes it, and the fd is closed once it has returned.
   */
  async stop(): Promise<void> {
    const inst = this.detach();
    if (!inst) return;
    const inFlight = this.inFlight;
    if (inFlight) {
      // Written again while waiting, in case one did not reach the buffer.
      const wake = () => { try { writeFileSync(path.join(inst.dir, 'trace_marker'), 'headroom-agent stopping'); } catch { /* closed anyway below */ } };
      wake();
      const again = setInterval(wake, 250);
      await Promise.race([inFlight, new Promise((r) => setTimeout(r, 2000).unref())]);
      clearInterval(again);
    }
    try {
      closeInstance(inst);
    } catch { /* still busy: the next agent to start removes it */ }
  }

  /** A read still parked in the thread pool after stop(): process exit would wait for it (measured: for good). */
  get parked(): boolean {
    return this.inFlight !== null;
  }

  /** At process exit, where nothing waits: the fd goes at once and removal retries a moment. */
  stopNow(): void {
    const inst = this.detach();
    if (!inst) return;
    if (this.inFlight) {
      try { writeFileSync(path.join(inst.dir, 'trace_marker'), 'headroom-agent stopping'); } catch { /* removal retries */ }
    }
    try {
      closeInstance(inst);
    } catch { /* still busy: the next agent to start removes it */ }
  }

  private detach(): Instance | null {
    clearTimeout(this.timer);
    const inst = this.instance;
    this.instance = null;
    return inst;
  }
}
