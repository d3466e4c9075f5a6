// Deployment files are checked as far as this machine allows (compose in
// compose.test.ts): manifests by parsing, build files by their inputs.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

const root = path.resolve(import.meta.dirname, '..');
describe('Kubernetes server manifests and the server image', () => {
  it('probe /api/health, take the database URL from a Secret, and run as non-root', () => {
    const docs = parseAllDocuments(readFileSync(path.join(root, 'deploy/k8s/base/server.yaml'), 'utf8')).map((d) => d.toJS());
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
