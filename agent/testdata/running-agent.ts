// The bundled agent running in its loop against a test receiver that validates
// every report with the protocol schema and answers with Headroom's receipt.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { report as reportSchema, type Report } from '../../lib/protocol/report';
import { until } from '../../lib/testing/wait';
import { agentBundle } from './holder';
import { receiptFor, startHttpServer, type TestHttpServer } from './http-server';

export interface RunningAgent {
  child: ChildProcess;
  spoolDir: string;
  reports: Report[];
  log(): string;
  /** The first report received from now on that satisfies `pred`. */
  next(what: string, pred: (r: Report) => boolean, timeoutMs?: number): Promise<Report>;
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface AgentRun {
  spoolDir?: string;
  env?: Record<string, string>;
  args?: string[];
  /** Runs the agent through this, e.g. setpriv with another UID. */
  prefix?: string[];
}

let receiver: TestHttpServer | undefined;
const listeners = new Set<(r: Report) => void>();

async function startReceiver(): Promise<TestHttpServer> {
  receiver ??= await startHttpServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => { body += d.toString(); });
    req.on('end', () => {
      const parsed = reportSchema.safeParse(JSON.parse(body));
      if (!parsed.success) {
        res.writeHead(422, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'invalid_report', message: parsed.error.message } }));
        return;
      }
      for (const l of listeners) l(parsed.data);
      res.writeHead(202, { 'content-type': 'application/json' }).end(receiptFor(body));
    });
  });
  return receiver;
}

export async function stopReceiver(): Promise<void> {
  await receiver?.close();
  receiver = undefined;
}

export async function startRunningAgent(o: AgentRun = {}): Promise<RunningAgent> {
  const server = await startReceiver();
  const spoolDir = o.spoolDir ?? mkdtempSync(path.join(os.tmpdir(), 'hr-run-'));
  const host = `run-${path.basename(spoolDir)}`;
  const argv = [...(o.prefix ?? []), process.execPath, agentBundle, '--server', server.url, '--interval', '1', '--spool-dir', spoolDir, '--host-name', host, ...(o.args ?? [])];
  const child = spawn(argv[0]!, argv.slice(1), { env: { ...process.env, HEADROOM_TOKEN: 'hr_ingest_test', ...o.env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (d: Buffer) => { log += d.toString(); });
  const reports: Report[] = [];
  const mine = (r: Report) => { if (r.host.name === host) reports.push(r); };
  listeners.add(mine);
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => { listeners.delete(mine); r(code); }));
  return {
    child, spoolDir, reports, exited, log: () => log,
    async next(what, pred, timeoutMs = 30_000) {
      const from = reports.length;
      let found: Report | undefined;
      await until(`${what} (agent log: ${log.trim().split('\n').at(-1) ?? ''})`, () => (found = reports.slice(from).find(pred)) !== undefined, timeoutMs);
      return found!;
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
