// The agent as one executable for hosts without Node.js: built with Node's SEA
// support, it reports with nothing else on the PATH.
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { report as reportSchema } from '../lib/protocol';

const root = path.resolve(import.meta.dirname, '..');
const exe = path.join(root, 'agent/dist/headroom-agent');

describe('single-executable agent', () => {
  it('builds, and reports with no Node.js on the PATH', () => {
    execFileSync(process.execPath, ['scripts/build-agent-sea.mjs'], { cwd: root, stdio: 'ignore' });
    expect(statSync(exe).size).toBeGreaterThan(10 * 1024 * 1024);
    const out = execFileSync(exe, ['--print', '--host-name', 'sea-host'], { env: { PATH: '/nonexistent' } as unknown as NodeJS.ProcessEnv }).toString(); // nothing but the file itself
    const r = reportSchema.parse(JSON.parse(out));
    expect(r.host.name).toBe('sea-host');
    expect(r.scan.processes).toBeGreaterThan(1);
  }, 60_000);
});
