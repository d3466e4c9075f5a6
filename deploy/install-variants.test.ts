// The Add-host dialog's ways of running the agent (lib/format installVariants)
// against what the docs show and what their tests run: the one line and the
// Docker line are the docs' own (deploy/install.test.ts and compose.test.ts
// run and check those), and the Kubernetes lines are run here on a copy of
// deploy/k8s and rendered by kubectl's Kustomize.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { installVariants } from '../lib/format';
import { codeBlocks, section } from './docs-steps';

const repo = path.resolve(import.meta.dirname, '..');
const server = 'https://headroom.example.com';
const token = 'hr_ingest_dialogVariantToken0123456789';
const variants = Object.fromEntries(installVariants(server, 'ab'.repeat(32), token, 'headroom-agent-linux-x64').map((v) => [v.id, v]));
const addHost = section(readFileSync(path.join(repo, 'docs/deploy.md'), 'utf8'), '## Add a host');
const docLines = codeBlocks(addHost, 'sh').flatMap((b) => b.trim().split('\n'));

describe('the Add-host dialog\'s commands', () => {
  it('one line is the docs\' one-liner that asks for the token at its prompt', () => {
    expect(docLines).toContain(variants.oneLine!.lines);
  });

  it('Docker: the docs\' docker run line, after an env file only root reads', () => {
    const [env, run] = variants.docker!.lines.split('\n');
    expect(docLines).toContain(run);
    expect(env).toBe(`printf 'HEADROOM_SERVER=%s\\nHEADROOM_TOKEN=%s\\n' '${server}' '${token}' | sudo install -m 600 /dev/stdin /root/headroom-agent.env`);
  });

  it('single executable: the docs\' steps, the token written to the root-only file they read', () => {
    const lines = variants.executable!.lines.split('\n');
    for (const l of docLines.filter((d) => d.includes('headroom-agent-linux-x64') || d.includes('/agent/checksums'))) expect(lines).toContain(l);
    expect(lines).toContain(`printf '%s\\n' '${token}' | sudo install -m 600 /dev/stdin /root/headroom-token`);
  });

  it('Kubernetes: run in a checkout, the agent-only overlay renders the Secret with this server and the token', () => {
    const checkout = mkdtempSync(path.join(os.tmpdir(), 'hr-dialog-k8s-'));
    cpSync(path.join(repo, 'deploy/k8s'), path.join(checkout, 'deploy/k8s'), { recursive: true });
    const [write, edit, apply] = variants.kubernetes!.lines.split('\n');
    execFileSync('sh', ['-ec', `${write}\n${edit}`], { cwd: checkout });
    expect(apply).toBe('kubectl apply -k deploy/k8s/overlays/agent-only');
    const r = spawnSync('kubectl', ['kustomize', 'deploy/k8s/overlays/agent-only'], { cwd: checkout, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const secret = parseAllDocuments(r.stdout).map((d) => d.toJS() as { kind: string; data?: Record<string, string> }).find((o) => o.kind === 'Secret')!;
    const decoded = Object.fromEntries(Object.entries(secret.data!).map(([k, v]) => [k, Buffer.from(v.replace(/\n/g, ''), 'base64').toString()]));
    expect(decoded).toEqual({ server, token });
  });

  it('puts the token on no command line', () => {
    for (const v of Object.values(variants)) {
      for (const line of v.lines.split('\n').filter((l) => l.includes(token))) expect(line, v.id).toMatch(/^printf /);
    }
  });
});
