// Sends simulated reports over HTTP the way agents do: each host on its own
// schedule (open loop, for "can it keep up with N hosts") or as fast as a fixed
// number of senders allow (closed loop, for the ceiling). A report that is not
// accepted is retried, like an agent's spool, and counted until it is.
import http from 'node:http';
import type { Report } from '../protocol';
import { simReport, type SimHost } from './fleet';
import { Latencies } from './stats';

export interface DriveResult {
  sent: number;
  accepted: number;
  duplicates: number;
  /** Answers other than 202 (each retried later). */
  refused: Record<string, number>;
  /** Reports never accepted by the end (still being retried when the run stopped). */
  unaccepted: number;
  seconds: number;
  latency: Latencies;
}

export interface PostResult { status: number; duplicate: boolean; ms: number }
export interface Poster { post(r: Report): Promise<PostResult> }

/** Spreads reports over several servers, as a load balancer in front of replicas would. */
export class RoundRobin implements Poster {
  private i = 0;
  constructor(private readonly targets: Poster[]) {}
  post(r: Report): Promise<PostResult> {
    return this.targets[this.i++ % this.targets.length]!.post(r);
  }
}

export class Sender implements Poster {
  private agent: http.Agent;
  // Agents each hold their own connection: a small pool would queue reports in
  // the sender and measure the pool (64 sockets capped the ceiling at ~1,400/s).
  constructor(private url: URL, private token: string, sockets = 1024) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  }

  /** POSTs one report: the status and the accepted body's duplicate flag. */
  post(r: Report): Promise<PostResult> {
    const body = JSON.stringify(r);
    const t0 = performance.now();
    return new Promise((resolve) => {
      const req = http.request(new URL('/api/v1/reports', this.url), {
        method: 'POST', agent: this.agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${this.token}` },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, duplicate: res.statusCode === 202 && Buffer.concat(chunks).includes('"duplicate":true'), ms: performance.now() - t0 }));
      });
      req.on('error', () => resolve({ status: 0, duplicate: false, ms: performance.now() - t0 }));
      req.end(body);
    });
  }

  close(): void { this.agent.destroy(); }
}

interface Common { sender: Poster; hosts: SimHost[]; intervalSeconds: number; epochMs: number; log?: (line: string) => void }

function newResult(): DriveResult {
  return { sent: 0, accepted: 0, duplicates: 0, refused: {}, unaccepted: 0, seconds: 0, latency: new Latencies() };
}

/**
 * Open loop: every host reports every interval, staggered evenly, for
 * `seconds`; refused reports are retried 2 s later. Waits up to 30 s at the
 * end for retries and replies.
 */
export async function driveSchedule(o: Common & { seconds: number; tickMs?: number; signal?: AbortSignal; offsetSeconds?: number }): Promise<DriveResult> {
  const res = newResult();
  const start = performance.now();
  const seq = new Map<number, number>();
  const retry: { at: number; r: Report }[] = [];
  let inflight = 0;
  let pending = 0;
  const send = (r: Report) => {
    inflight++; pending++;
    res.sent++;
    void o.sender.post(r).then((a) => {
      inflight--;
      res.latency.add(a.ms);
      if (a.status === 202) {
        pending--;
        res.accepted++;
        if (a.duplicate) res.duplicates++;
      } else {
        res.refused[a.status] = (res.refused[a.status] ?? 0) + 1;
        retry.push({ at: performance.now() + 2000, r });
        pending--; // counted again when resent
      }
    });
  };
  const n = o.hosts.length;
  const periodMs = o.intervalSeconds * 1000;
  let next = 0; // the next report in schedule order: host next % n, in round floor(next / n)
  let lastLog = start;
  let windowStart = { t: start, accepted: 0 };
  while (performance.now() - start < o.seconds * 1000 && !o.signal?.aborted) {
    const elapsed = performance.now() - start;
    for (; (next * periodMs) / n <= elapsed; next++) {
      const h = o.hosts[next % n]!;
      const s = (seq.get(h.index) ?? 0) + 1;
      // Simulated time may start later than 0 (CI hosts mid-build); collection times stay "now".
      const off = o.offsetSeconds ?? 0;
      const r = simReport(h, off + (next * o.intervalSeconds) / n, o.epochMs - off * 1000, o.intervalSeconds, s);
      if (!r) continue;
      seq.set(h.index, s);
      send(r);
    }
    const now = performance.now();
    while (retry.length > 0 && retry[0]!.at <= now) send(retry.shift()!.r);
    if (o.log && now - lastLog >= 10_000) {
      const rate = (res.accepted - windowStart.accepted) / ((now - windowStart.t) / 1000);
      o.log(`${Math.round((now - start) / 1000)} s: ${res.accepted} accepted (${Math.round(rate)}/s), in flight ${inflight}, p50 ${res.latency.percentile(50).toFixed(1)} ms, p99 ${res.latency.percentile(99).toFixed(1)} ms, refused ${JSON.stringify(res.refused)}`);
      lastLog = now;
      windowStart = { t: now, accepted: res.accepted };
    }
    await new Promise((r) => setTimeout(r, o.tickMs ?? 5));
  }
  const deadline = performance.now() + 30_000;
  while ((inflight > 0 || retry.length > 0) && performance.now() < deadline) {
    const now = performance.now();
    while (retry.length > 0 && retry[0]!.at <= now) send(retry.shift()!.r);
    await new Promise((r) => setTimeout(r, 20));
  }
  // Until the last answer: a server that fell behind shows it in the rate too.
  res.seconds = (performance.now() - start) / 1000;
  res.unaccepted = pending + retry.length;
  return res;
}

/**
 * Closed loop: `concurrency` senders post back to back for `seconds`, the
 * hosts in turn, each report stamped with the current time: the ceiling.
 */
export async function driveMax(o: Common & { seconds: number; concurrency: number }): Promise<DriveResult> {
  const res = newResult();
  const start = performance.now();
  const last = new Map<number, number>();
  let next = 0;
  const n = o.hosts.length;
  const worker = async () => {
    while (performance.now() - start < o.seconds * 1000) {
      const k = next++;
      const h = o.hosts[k % n]!;
      // A host reports faster than real agents here: keep its collection times distinct.
      const at = Math.max(o.epochMs + (performance.now() - start), (last.get(h.index) ?? 0) + 1);
      last.set(h.index, at);
      const r = simReport({ ...h, pattern: h.pattern === 'silent' ? 'steady' : h.pattern }, (at - o.epochMs) / 1000, o.epochMs, o.intervalSeconds, Math.floor(k / n) + 1)!;
      res.sent++;
      const a = await o.sender.post(r);
      res.latency.add(a.ms);
      if (a.status === 202) { res.accepted++; if (a.duplicate) res.duplicates++; } else res.refused[a.status] = (res.refused[a.status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, worker));
  res.seconds = (performance.now() - start) / 1000;
  return res;
}

/**
 * History before a live run: `hours` of every host's reports, oldest first,
 * sent back to back by `concurrency` senders (as agents flushing their spools).
 * A refused report is sent again after `retryMs` (the server's per-host rate
 * limit answers 429 to a fast flush), up to `tries` times, as a spool keeps it;
 * one refused for what it is (400, 401, 413...) is not.
 */
export async function driveBackfill(o: Common & { hours: number; concurrency: number; retryMs?: number; tries?: number; signal?: AbortSignal }): Promise<DriveResult> {
  const res = newResult();
  const start = performance.now();
  const rounds = Math.floor((o.hours * 3600) / o.intervalSeconds);
  const epoch = o.epochMs - rounds * o.intervalSeconds * 1000;
  const total = rounds * o.hosts.length;
  const retryable = (status: number) => status === 429 || status === 0 || status >= 500;
  // A server that cannot be reached at all ends the backfill, rather than
  // every report waiting out its tries: 20 connection failures in a row.
  let unreachable = 0;
  const stopped = () => o.signal?.aborted || unreachable >= 20;
  let k = 0;
  const worker = async () => {
    for (let i = k++; i < total && !stopped(); i = k++) {
      const h = o.hosts[i % o.hosts.length]!;
      const round = Math.floor(i / o.hosts.length);
      const r = simReport(h, round * o.intervalSeconds, epoch, o.intervalSeconds, round + 1);
      if (!r) continue;
      res.sent++;
      const post = async () => {
        const answer = await o.sender.post(r);
        res.latency.add(answer.ms);
        unreachable = answer.status === 0 ? unreachable + 1 : 0;
        return answer;
      };
      let a = await post();
      for (let attempt = 1; a.status !== 202 && retryable(a.status) && attempt < (o.tries ?? 60) && !stopped(); attempt++) {
        res.refused[a.status] = (res.refused[a.status] ?? 0) + 1;
        await new Promise((w) => setTimeout(w, o.retryMs ?? 1000));
        a = await post();
      }
      if (a.status === 202) res.accepted++;
      else {
        res.refused[a.status] = (res.refused[a.status] ?? 0) + 1;
        res.unaccepted++;
      }
      if (o.log && res.sent % 20_000 === 0) o.log(`backfill: ${res.sent} of about ${total} reports`);
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, worker));
  res.seconds = (performance.now() - start) / 1000;
  if (unreachable >= 20) throw new Error(`backfill stopped: the server did not answer 20 times in a row (${res.accepted} of ${res.sent} reports accepted)`);
  return res;
}
