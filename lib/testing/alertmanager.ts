// A real Prometheus Alertmanager (Debian's prometheus-alertmanager) for the
// forwarding tests, notifying a webhook of the test's with resolves included.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './ports';

export const ALERTMANAGER_BIN = '/usr/bin/prometheus-alertmanager';

export interface AmAlert { labels: Record<string, string>; annotations: Record<string, string>; startsAt: string; endsAt: string; status: { state: string } }

export interface RunningAlertmanager {
  url: string;
  /** GET /api/v2/alerts: what Alertmanager holds as active now (resolved ones are not listed). */
  alerts(): Promise<AmAlert[]>;
  close(): Promise<void>;
}

export async function startAlertmanager(webhookUrl: string): Promise<RunningAlertmanager> {
  const dir = mkdtempSync(path.join(tmpdir(), 'headroom-am-'));
  // One group per host, told at once and again a second after any change.
  writeFileSync(path.join(dir, 'am.yml'), [
    'route: {receiver: hook, group_by: [host], group_wait: 0s, group_interval: 1s, repeat_interval: 1h}',
    `receivers: [{name: hook, webhook_configs: [{url: "${webhookUrl}", send_resolved: true}]}]`, '',
  ].join('\n'));
  const port = await freePort();
  const child = spawn(ALERTMANAGER_BIN, [`--config.file=${dir}/am.yml`, `--storage.path=${dir}/data`, `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address='], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (c: Buffer) => { log = (log + c.toString()).slice(-4000); });
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  for (let i = 0; ; i++) {
    const ok = await fetch(`${url}/-/ready`).then((r) => r.ok, () => false);
    if (ok) break;
    if (i > 100 || child.exitCode !== null) throw new Error(`alertmanager did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    alerts: async () => (await (await fetch(`${url}/api/v2/alerts`)).json()) as AmAlert[],
    close: async () => {
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
