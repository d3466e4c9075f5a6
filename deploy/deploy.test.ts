// Deployment files are checked as far as this machine allows: compose by
// docker-compose itself, manifests by parsing, build files by their inputs.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';

const root = path.resolve(import.meta.dirname, '..');
const compose = (env: Record<string, string>) =>
  // Only PATH and what the test sets: the machine's own variables must not fill the file's.
  spawnSync('docker-compose', ['-f', 'docker-compose.yml', 'config', '-q'], { cwd: root, encoding: 'utf8', env: { PATH: process.env.PATH, ...env } as unknown as NodeJS.ProcessEnv });

describe('docker-compose.yml', () => {
  it('is valid for docker-compose, and asks for the agent token rather than running without one', () => {
    const ok = compose({ HEADROOM_AGENT_TOKEN: 'hr_ingest_x' });
    expect(ok.error).toBeUndefined();
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    const missing = compose({});
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain('create an ingest token first');
  });

  it('waits for a healthy database, checks /api/health, and gives the agent the host view and two capabilities', () => {
    const c = parse(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'));
    expect(c.services.server.depends_on.db.condition).toBe('service_healthy');
    expect(c.services.server.healthcheck.test.join(' ')).toContain('/api/health');
    expect(c.services.db.volumes[0]).toMatch(/^pgdata:/);
    expect(c.services.agent).toMatchObject({ pid: 'host', cap_drop: ['ALL'], cap_add: ['SYS_PTRACE', 'DAC_READ_SEARCH'] });
    expect(c.services.agent.volumes).toEqual(expect.arrayContaining(['/proc:/host/proc:ro', '/sys:/host/sys:ro', '/var/run/docker.sock:/var/run/docker.sock:ro']));
  });
});

describe('Kubernetes server manifests and the server image', () => {
  it('probe /api/health, take the database URL from a Secret, and run as non-root', () => {
    const docs = parseAllDocuments(readFileSync(path.join(root, 'deploy/k8s/server.yaml'), 'utf8')).map((d) => d.toJS());
    const dep = docs.find((d) => d.kind === 'Deployment');
    const c = dep.spec.template.spec.containers[0];
    expect(c.readinessProbe.httpGet.path).toBe('/api/health');
    expect(c.env.find((e: { name: string }) => e.name === 'DATABASE_URL').valueFrom.secretKeyRef.name).toBe('headroom-server');
    expect(dep.spec.template.spec.securityContext.runAsNonRoot).toBe(true);
    expect(docs.find((d) => d.kind === 'Service').spec.selector).toEqual(dep.spec.selector.matchLabels);
  });

  it('builds the server image from files that exist, as a non-root user', () => {
    const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8');
    for (const m of dockerfile.matchAll(/^COPY (?!--from)(?!\. \.)(.+) \S+$/gm)) for (const src of m[1]!.split(/\s+/)) expect(existsSync(path.join(root, src)), src).toBe(true);
    expect(dockerfile).toMatch(/^USER node$/m);
    // It runs what `npm start` runs (scripts/check-image.ts runs its runtime tree).
    expect(dockerfile).toMatch(/^CMD \["node", "bin\/headroom\.mjs", "serve"\]$/m);
    expect(dockerfile).toMatch(/^ENV .*HEADROOM_LOCAL_AGENT=0/m);
  });
});
