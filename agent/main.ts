#!/usr/bin/env node
// The Headroom agent: collect, spool, deliver, sleep. Zero runtime dependencies.
import { Backoff } from './backoff';
import { formatChecks, runChecks } from './check';
import { collect } from './collect';
import { ConfigError, parseConfig, usage, type AgentConfig } from './config';
import { flush } from './deliver';
import { FailureCapture } from './failures/capture';
import { instanceName } from './failures/instance-name';
import { lockSpool, SpoolLocked } from './lock';
import { log, writeTo } from './log';
import { sendReport } from './send';
import { Spool } from './spool';
import { adoptLegacySpool } from './spool-folder';
import { seesHostPids, visibilityWarnings, WarningLog } from './visibility';

const EXIT_SPOOLED = 3;
const OUTAGE_LOG_EVERY_MS = 5 * 60_000;

async function printOnce(cfg: AgentConfig): Promise<number> {
  writeTo(1, JSON.stringify(await collect(cfg), null, 2) + '\n');
  return 0;
}

async function check(cfg: AgentConfig): Promise<number> {
  const results = await runChecks(cfg);
  writeTo(1, formatChecks(results) + '\n');
  return results.every((r) => r.status === 'ok') ? 0 : 1;
}

async function run(cfg: AgentConfig): Promise<number> {
  if (cfg.print) return printOnce(cfg);
  if (cfg.check) return check(cfg);
  const lock = lockSpool(cfg.spoolDir);
  try {
    if (lock.tookOver) log(`spool ${cfg.spoolDir}: took over the lock of pid ${lock.tookOver.pid}, which no longer runs`);
    const adopted = cfg.defaultSpool ? adoptLegacySpool(cfg.defaultSpool, cfg.hostName) : 0;
    if (adopted) log(`moved ${adopted} report(s) an older agent left in ${cfg.defaultSpool!.legacy} to ${cfg.spoolDir}`);
    const capture = cfg.once ? FailureCapture.oneShot(cfg.procRoot) : FailureCapture.start({ enabled: cfg.failureCapture, tracefs: cfg.tracefs, bufferKb: cfg.traceBufferKb, instanceName: instanceName(cfg.spoolDir), procRoot: cfg.procRoot });
    // An exit that skips the finally below (an uncaught error) still removes the trace instance,
    // and does not wait on a parked read, which would hold the exit for good.
    const stopCapture = () => {
      capture.stopNow();
      if (capture.parked) process.kill(process.pid, 'SIGKILL');
    };
    process.once('exit', stopCapture);
    try {
      if (!cfg.once) log(capture.statusLine);
      return await loop(cfg, new Spool(cfg.spoolDir, cfg.spoolMaxBytes), capture);
    } finally {
      await capture.stop();
      process.off('exit', stopCapture);
      if (capture.parked) {
        log('a trace_pipe read did not return at stop; ending at once (the next start removes the trace instance)');
        lock.release();
        process.kill(process.pid, 'SIGKILL');
      }
    }
  } finally {
    lock.release();
  }
}

async function loop(cfg: AgentConfig, spool: Spool, capture: FailureCapture): Promise<number> {
  const backoff = new Backoff();
  const stopped = new AbortController();
  const send = (body: string) => sendReport(cfg.server!, cfg.token!, body, undefined, stopped.signal);
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  const stop = () => {
    stopping = true;
    stopped.abort();
    clearTimeout(timer);
    wake?.();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  if (!cfg.once) log(`reporting to ${cfg.server} every ${cfg.interval}s; spool ${cfg.spoolDir} (${spool.pending} waiting)`);
  const hostPids = seesHostPids(cfg.procRoot);
  const warnings = new WarningLog();
  let overran = false;
  let outageSince = 0;
  let outageLogged = 0;
  let notHeadroomLogged = false;
  while (!stopping) {
    const started = Date.now();
    let spooled = false;
    try {
      const seq = spool.nextSeq();
      const report = await collect(cfg, capture);
      report.sequence = seq;
      for (const message of warnings.due(visibilityWarnings(report, hostPids), Date.now())) log(message);
      if (overran) report.scan.overran = true;
      // Room is made first so this report can tell the server how many were dropped.
      const dropped = spool.makeRoom(JSON.stringify(report).length + 64);
      report.delivery = { pending: spool.pending, dropped: spool.dropped };
      spool.put(seq, JSON.stringify(report));
      if (dropped) log(`spool passed its cap of ${(cfg.spoolMaxBytes / 1048576).toFixed(1)} MB: dropped the ${dropped} oldest report(s)`);
      spooled = true;
    } catch (err) {
      log(`report not collected or not spooled: ${(err as Error).message}`);
    }
    let delivered = false;
    if (backoff.ready()) {
      const r = await flush(spool, send, log, () => stopping);
      if (stopping) break;
      delivered = r.retry === null && spool.pending === 0;
      if (r.retry !== null && r.throttled !== undefined) {
        // A spool draining after an outage meets the server's per-host rate
        // limit: that is the server working, so no growing backoff (which
        // reached 5 minutes and took ~45 minutes to drain 5,000 reports) and
        // no outage message; the next cycle goes on where this one stopped,
        // or later if the pause asked for ends after it.
        if (Date.now() + r.throttled > started + cfg.interval * 1000) backoff.pause(r.throttled);
      } else if (r.retry !== null) {
        const delay = backoff.fail();
        const now = Date.now();
        if (r.notHeadroom) {
          // A wrong address stays wrong until someone fixes it: said once, not every 5 minutes.
          if (!notHeadroomLogged) log(r.retry);
          notHeadroomLogged = true;
        } else {
          outageSince ||= now;
          if (now - outageLogged >= OUTAGE_LOG_EVERY_MS) {
            log(`server not taking reports (${r.retry}); ${spool.pending} kept in the spool, next try in ${Math.ceil(delay / 1000)}s`);
            outageLogged = now;
          }
        }
      } else {
        if (outageSince) log(`server back after ${Math.round((Date.now() - outageSince) / 1000)}s; spool delivered`);
        outageSince = 0;
        outageLogged = 0;
        notHeadroomLogged = false;
        backoff.reset();
      }
    }
    if (cfg.once) {
      if (!delivered && spooled) log(`not delivered: ${spool.pending} report(s) kept in the spool ${cfg.spoolDir}`);
      return delivered ? 0 : spooled ? EXIT_SPOOLED : 1;
    }
    const elapsed = Date.now() - started;
    overran = elapsed > cfg.interval * 1000;
    // A slow cycle delays the next one instead of overlapping it, and says so in the next report.
    await new Promise<void>((resolve) => {
      wake = resolve;
      timer = setTimeout(resolve, Math.max(0, cfg.interval * 1000 - elapsed));
    });
  }
  log(`stopped; ${spool.pending} report(s) left in the spool`);
  return 0;
}

async function main(): Promise<void> {
  // Output goes through writeTo (log.ts): a log pipe whose reader died (a supervisor killed by
  // SIGKILL) must not crash the agent, which would skip the stop that unparks the trace_pipe read.
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    writeTo(1, usage + '\n');
    return;
  }
  try {
    process.exitCode = await run(parseConfig(argv, process.env));
  } catch (err) {
    // Expected conditions get one line; only a real bug shows a stack (HEADROOM_DEBUG=1 always does).
    if (err instanceof ConfigError) {
      writeTo(2, `headroom-agent: ${err.message}\nheadroom-agent --help lists the flags and their variables.\n`);
      process.exitCode = 2;
      return;
    }
    if (err instanceof SpoolLocked) {
      log(`cannot start: ${err.message}`);
      process.exitCode = 1;
      return;
    }
    const code = (err as NodeJS.ErrnoException).code;
    log(code && !process.env.HEADROOM_DEBUG ? `cannot start: ${(err as Error).message}` : String((err as Error).stack));
    process.exitCode = 1;
  }
}

void main();
