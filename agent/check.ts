// headroom-agent --check: what stands between this host and its reports being
// stored, one line a check with what to do about it. The token goes only to
// a server whose health answer is Headroom's; the one report it sends is a
// real one, stored like any other (no sequence number: not from the spool).
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import type { Report } from '../lib/protocol';
import { collect } from './collect';
import type { AgentConfig } from './config';
import { FailureCapture } from './failures/capture';
import { lockHolder } from './lock';
import { headroomError, isReceipt, isRecord, networkError, parseJson, request, shownAnswer, type Answer } from './send';
import { seesHostPids } from './visibility';

export interface CheckResult { name: string; status: 'ok' | 'FAIL' | 'skip'; detail: string; fix?: string }

const ok = (name: string, detail: string): CheckResult => ({ name, status: 'ok', detail });
const fail = (name: string, detail: string, fix: string): CheckResult => ({ name, status: 'FAIL', detail, fix });
const skip = (name: string, why: string): CheckResult => ({ name, status: 'skip', detail: `not checked: ${why}` });

const REACHABLE = 'server reachable';
const HEADROOM = 'Headroom server';
const TOKEN = 'token accepted';
const hostCheck = (host: string) => `token valid for host "${host}"`;
const NEW_TOKEN = 'npx headroom token create --name NAME --scope ingest';
const AGAIN = 'the server stopped answering: run --check again';

/** GET /api/health, without the token: is something there (`reachable`), and is it Headroom (`headroom`)? */
async function health(cfg: AgentConfig, token: string): Promise<{ results: CheckResult[]; reachable: boolean; headroom: boolean }> {
  let a: Answer;
  try {
    a = await request(`${cfg.server}/api/health`, null, null);
  } catch (err) {
    const results = [fail(REACHABLE, `nothing answers at ${cfg.server} (${networkError(err)})`, `check --server, that the server runs, and the way from this host (curl ${cfg.server}/api/health)`)];
    return { results, reachable: false, headroom: false };
  }
  const reachable = ok(REACHABLE, `${cfg.server}/api/health answered HTTP ${a.status} in ${a.ms} ms`);
  const h = parseJson(a.text);
  if (!isRecord(h) || typeof h.ok !== 'boolean' || typeof h.database !== 'string') {
    const notHeadroom = fail(HEADROOM, `GET /api/health answered ${shownAnswer(a, token)}: this is not a Headroom server`, 'give the address of the Headroom server itself as --server (where its web pages are)');
    return { results: [reachable, notHeadroom], reachable: true, headroom: false };
  }
  // A database that is down still makes it Headroom: the token is checked, and its answers say the rest.
  const verdict = h.ok ? ok(HEADROOM, "its health answer is Headroom's, database up") : fail(HEADROOM, 'a Headroom server, but its database is down: reports cannot be stored', "see the server's log");
  return { results: [reachable, verdict], reachable: true, headroom: true };
}

/** An empty report: Headroom checks the token first, then refuses the body (422). Nothing is stored. */
function tokenVerdict(a: Answer, token: string): CheckResult {
  const error = headroomError(a.text);
  if (a.status === 422 && error?.code === 'invalid_report') return ok(TOKEN, 'an ingest token the server knows');
  if (error === null) {
    return fail(TOKEN, `POST /api/v1/reports answered ${shownAnswer(a, token)}, not Headroom's answer: this is not a Headroom server there`,
      'give the Headroom server itself as --server; a proxy in front must pass /api/v1/reports through');
  }
  if (a.status === 401) return fail(TOKEN, `HTTP 401: ${error.message}`, `give an ingest token the server knows (--token or HEADROOM_TOKEN): ${NEW_TOKEN}`);
  if (a.status === 403) return fail(TOKEN, `HTTP 403: ${error.message}`, `give an ingest token (scope ingest): ${NEW_TOKEN}`);
  return fail(TOKEN, `POST /api/v1/reports answered ${shownAnswer(a, token)}`, a.status === 429 ? 'the server asks to slow down: run --check again in a minute' : "see the server's log");
}

/** This host's real report: the host-bound token and the token's host limit are checked only on a report. */
function hostVerdict(a: Answer, report: Report, token: string): CheckResult {
  const name = hostCheck(report.host.name);
  if (a.status === 202 && isReceipt(a.text, report.reportId)) return ok(name, `a report of this host was stored (report ${report.reportId})`);
  const message = headroomError(a.text)?.message ?? shownAnswer(a, token);
  if (a.status === 403) return fail(name, `HTTP 403: ${message}`, "use the token made for this host name (token create … --host NAME) or give that name as --host-name, or raise the token's host limit: npx headroom token limit NAME N");
  if (a.status === 422) return fail(name, `the server refused this agent's report: ${shownAnswer(a, token)}`, "run the agent the server hands out (GET /agent/headroom-agent.js on the server)");
  return fail(name, `POST /api/v1/reports answered ${shownAnswer(a, token)}`, "see the server's log");
}

async function serverChecks(cfg: AgentConfig, report: Report): Promise<CheckResult[]> {
  const token = cfg.token!;
  const host = hostCheck(report.host.name);
  const { results: out, reachable, headroom } = await health(cfg, token);
  if (!reachable) return [...out, skip(HEADROOM, 'the server is not reachable'), skip(TOKEN, 'the server is not reachable'), skip(host, 'the server is not reachable')];
  if (!headroom) return [...out, skip(TOKEN, 'the token goes only to a Headroom server'), skip(host, 'the token goes only to a Headroom server')];
  const post = (body: string) => request(`${cfg.server}/api/v1/reports`, token, body).catch((err: unknown) => networkError(err));
  const probe = await post('{}');
  const tokenResult = typeof probe === 'string' ? fail(TOKEN, `POST /api/v1/reports failed: ${probe}`, AGAIN) : tokenVerdict(probe, token);
  if (tokenResult.status !== 'ok') return [...out, tokenResult, skip(host, 'the token was not accepted')];
  const sent = await post(JSON.stringify(report));
  return [...out, tokenResult, typeof sent === 'string' ? fail(host, `POST /api/v1/reports failed: ${sent}`, AGAIN) : hostVerdict(sent, report, token)];
}

function hostChecks(cfg: AgentConfig, report: Report): CheckResult[] {
  const { processes, skipped } = report.scan;
  const named = report.processes.filter((p) => p.inotifyUnreadable).slice(0, 3).map((p) => `pid ${p.pid} ${p.command.split(' ')[0]}`);
  const fix = process.getuid?.() === 0
    ? 'root is refused too: an AppArmor or SELinux profile denies ptrace read (in Docker: --security-opt apparmor=unconfined), or they run in a user namespace above this agent\'s'
    : 'run as root, or with CAP_SYS_PTRACE and CAP_DAC_READ_SEARCH (deploy/agent/headroom-agent.service); in a container also AppArmor unconfined';
  const fds = skipped.denied === 0
    ? ok('fd tables readable', `all ${processes} processes' /proc/PID/fd and fd links read`)
    : fail('fd tables readable', `${skipped.denied} of ${processes} processes unreadable${named.length ? ` (${named.join(', ')})` : ''}: their inotify use is not counted`, fix);
  const pids = seesHostPids(cfg.procRoot)
    ? ok('host PID namespace', `${cfg.procRoot} shows the host's processes`)
    : fail('host PID namespace', `${cfg.procRoot} shows only this agent's own PID namespace: the host's other processes are not counted`,
      'run it on the host, in Docker with --pid=host, in Kubernetes with hostPID: true');
  return [fds, pids];
}

function spoolCheck(cfg: AgentConfig): CheckResult {
  const dir = cfg.spoolDir;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // A name the spool clears at start should this be cut short.
    const probe = `${dir}/.tmp-check-${process.pid}`;
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (err) {
    return fail('spool folder', `${dir} cannot be written: ${(err as Error).message}`, 'give a folder this user may write as --spool-dir');
  }
  const waiting = readdirSync(dir).filter((n) => /^\d{12}\.json$/.test(n)).length;
  const holder = lockHolder(dir);
  return ok('spool folder', `${dir} writable, ${waiting} report(s) waiting${holder ? `, in use by the agent with pid ${holder.pid}` : ''}`);
}

const CAPTURE = 'failure capture';
const captureFix: Record<string, string> = {
  'not-permitted': 'run the agent as root (a systemd unit: docs/agent.md, "Failure capture"), or give --no-failure-capture',
  'no-tracefs': 'mount -t tracefs nodev /sys/kernel/tracing on the host (in a container: mount the host\'s /sys/kernel/tracing into it)',
  'read-only': 'mount /sys/kernel/tracing read-write into the container (docker run -v /sys/kernel/tracing:/sys/kernel/tracing)',
  lockdown: 'not possible under lockdown=confidentiality; --no-failure-capture says so without this line failing',
  'no-syscall-events': 'a kernel built with CONFIG_FTRACE_SYSCALLS (every major distribution\'s is), or --no-failure-capture',
  failed: 'see the message; --no-failure-capture turns capture off',
};

/** Sets up (and removes) a trace instance of its own, as a running agent would. */
async function captureCheck(cfg: AgentConfig): Promise<CheckResult> {
  const c = FailureCapture.start({ enabled: cfg.failureCapture, tracefs: cfg.tracefs, bufferKb: cfg.traceBufferKb, instanceName: `headroom-agent-check-${process.pid}`, procRoot: cfg.procRoot });
  const s = c.snapshot();
  await c.stop();
  if (s.capture === 'on') return ok(CAPTURE, `a trace instance was set up and removed: failed fd and inotify calls will be reported${s.missingCalls ? ` (no event for ${s.missingCalls.join(', ')})` : ''}`);
  if (s.reason === 'disabled') return ok(CAPTURE, 'turned off (--no-failure-capture or HEADROOM_FAILURE_CAPTURE=0)');
  return fail(CAPTURE, `off: ${s.reason}: ${s.message}`, captureFix[s.reason!] ?? 'see docs/agent.md');
}

export async function runChecks(cfg: AgentConfig): Promise<CheckResult[]> {
  const report = await collect(cfg);
  return [...await serverChecks(cfg, report), ...hostChecks(cfg, report), await captureCheck(cfg), spoolCheck(cfg)];
}

export function formatChecks(results: CheckResult[]): string {
  return results.map((r) => `${r.status.padEnd(4)}  ${r.name}: ${r.detail}${r.fix ? `. Fix: ${r.fix}` : ''}`).join('\n');
}
