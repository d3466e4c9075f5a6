// deploy/k8s rendered by kubectl's own Kustomize, every overlay and component,
// and each rendered object validated offline against the Kubernetes API's
// schemas (kubernetes-models: the OpenAPI schemas compiled to validators).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DaemonSet, Deployment } from 'kubernetes-models/apps/v1';
import { Namespace, Secret, Service } from 'kubernetes-models/v1';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { codeBlocks, section } from './docs-steps';

const repo = path.resolve(import.meta.dirname, '..');
const token = 'hr_ingest_kustomizeTestToken0123456789';
const databaseUrl = 'postgres://headroom:secret@postgres.db:5432/headroom';
const secretKey = Buffer.alloc(32, 7).toString('base64');

// Each kind the manifests hold, with the validator of its API version.
const schemas: Record<string, new (data: never) => { validate(): void }> = {
  'v1/Namespace': Namespace, 'v1/Secret': Secret, 'v1/Service': Service, 'apps/v1/Deployment': Deployment, 'apps/v1/DaemonSet': DaemonSet,
};

interface K8sObject { apiVersion: string; kind: string; metadata: { name: string; namespace?: string }; spec?: { replicas?: number; template?: { spec: IPodSpec } }; data?: Record<string, string> }

/** deploy/k8s copied to a scratch folder, with the env files the overlays read, as a user writes them. */
function scratch(): string {
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'hr-k8s-')), 'deploy/k8s');
  cpSync(path.join(repo, 'deploy/k8s'), dir, { recursive: true });
  writeFileSync(path.join(dir, 'overlays/example/token.env'), `token=${token}\n`);
  writeFileSync(path.join(dir, 'overlays/example/database.env'), `database-url=${databaseUrl}\nsecret-key=${secretKey}\n`);
  writeFileSync(path.join(dir, 'overlays/agent-only/token.env'), `token=${token}\n`);
  return dir;
}

function render(dir: string): K8sObject[] {
  const r = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return parseAllDocuments(r.stdout).map((d) => d.toJS() as K8sObject);
}

/** What the schemas refuse in `objects`, one line each. */
function problems(objects: K8sObject[]): string[] {
  return objects.flatMap((o) => {
    const Model = schemas[`${o.apiVersion}/${o.kind}`];
    if (!Model) return [`${o.kind} ${o.metadata.name}: no schema for ${o.apiVersion} ${o.kind}`];
    // Kustomize folds long base64 over lines; the API server's decoder (Go's
    // base64) skips line breaks, the "byte" format here does not.
    const data = o.data && Object.fromEntries(Object.entries(o.data).map(([k, v]) => [k, v.replace(/\n/g, '')]));
    try {
      new Model({ ...o, ...(data ? { data } : {}) } as never).validate();
      return [];
    } catch (err) {
      return [`${o.kind} ${o.metadata.name}: ${(err as Error).message}`];
    }
  });
}

const find = (objects: K8sObject[], kind: string) => objects.find((o) => o.kind === kind)!;
const podSpec = (o: K8sObject) => o.spec!.template!.spec;
const decoded = (s: K8sObject) => Object.fromEntries(Object.entries(s.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString()]));
const secretRefs = (o: K8sObject) => podSpec(o).containers.flatMap((c) => (c.env ?? []).flatMap((e) => (e.valueFrom?.secretKeyRef ? [e.valueFrom.secretKeyRef.name] : [])));

describe('Kubernetes packaging (deploy/k8s)', () => {
  it('is rendered by a kubectl with Kustomize v5', () => {
    const v = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
    expect(v.stdout, 'kubectl 1.27 or later is needed (Kustomize v5)').toMatch(/Kustomize Version: v5\./);
  });

  it('base: the objects its two manifests hold, each valid', () => {
    const objects = render(path.join(repo, 'deploy/k8s/base'));
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual(['DaemonSet/headroom-agent', 'Deployment/headroom-server', 'Namespace/headroom', 'Service/headroom']);
    const files = ['agent-daemonset.yaml', 'server.yaml'].flatMap((f) => parseAllDocuments(readFileSync(path.join(repo, 'deploy/k8s/base', f), 'utf8')).map((d) => d.toJS() as K8sObject));
    const key = (o: K8sObject) => `${o.kind}/${o.metadata.name}`;
    expect(objects.sort((a, b) => key(a).localeCompare(key(b)))).toEqual(files.sort((a, b) => key(a).localeCompare(key(b))));
    expect(problems(objects)).toEqual([]);
  });

  it('overlays/example: image, resources, tolerations, node selector, replicas, URL and both Secrets, set without editing a manifest', () => {
    const objects = render(path.join(scratch(), 'overlays/example'));
    expect(problems(objects)).toEqual([]);
    const server = objects.find((o) => o.kind === 'Deployment')!;
    const agent = find(objects, 'DaemonSet');
    expect(server.spec!.replicas).toBe(3);
    const sc = podSpec(server).containers[0]!;
    expect(sc.image).toBe('registry.example.com/headroom/headroom:0.1.0');
    expect(sc.resources).toEqual({ requests: { cpu: '200m', memory: '768Mi' }, limits: { memory: '1536Mi' } });
    expect(sc.env!.filter((e) => e.name === 'HEADROOM_PUBLIC_URL')).toEqual([{ name: 'HEADROOM_PUBLIC_URL', value: 'https://headroom.example.com' }]);
    const ac = podSpec(agent).containers[0]!;
    expect(ac.image).toBe('registry.example.com/headroom/headroom-agent:0.1.0');
    expect(ac.resources).toEqual({ requests: { cpu: '20m', memory: '64Mi' }, limits: { memory: '160Mi' } });
    expect(podSpec(agent).tolerations).toEqual([{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }]);
    expect(podSpec(agent).nodeSelector).toEqual({ 'kubernetes.io/os': 'linux' });
    expect(podSpec(server).nodeSelector).toEqual({ 'kubernetes.io/os': 'linux' });
    // The generated Secrets, and the workloads pointing at their hashed names.
    const secrets = objects.filter((o) => o.kind === 'Secret');
    const agentSecret = secrets.find((s) => s.metadata.name.startsWith('headroom-agent-'))!;
    const serverSecret = secrets.find((s) => s.metadata.name.startsWith('headroom-server-'))!;
    expect(decoded(agentSecret)).toEqual({ server: 'https://headroom.example.com', token });
    expect(decoded(serverSecret)).toEqual({ 'database-url': databaseUrl, 'secret-key': secretKey });
    expect(new Set(secretRefs(agent))).toEqual(new Set([agentSecret.metadata.name]));
    expect(secretRefs(server)).toEqual([serverSecret.metadata.name, serverSecret.metadata.name]);
  });

  it('overlays/agent-only: the agents and their Secret, no server', () => {
    const objects = render(path.join(scratch(), 'overlays/agent-only'));
    expect(problems(objects)).toEqual([]);
    expect(objects.map((o) => o.kind).sort()).toEqual(['DaemonSet', 'Namespace', 'Secret']);
    expect(new Set(secretRefs(find(objects, 'DaemonSet')))).toEqual(new Set([find(objects, 'Secret').metadata.name]));
  });

  it('components/docker-socket: the socket mounted read-only into the agent', () => {
    const dir = scratch();
    mkdirSync(path.join(dir, 'overlays/with-docker'));
    writeFileSync(path.join(dir, 'overlays/with-docker/kustomization.yaml'), 'resources: [../../base]\ncomponents: [../../components/docker-socket]\n');
    const objects = render(path.join(dir, 'overlays/with-docker'));
    expect(problems(objects)).toEqual([]);
    const spec = podSpec(find(objects, 'DaemonSet'));
    expect(spec.containers[0]!.volumeMounts).toContainEqual({ name: 'docker-sock', mountPath: '/var/run/docker.sock', readOnly: true });
    expect(spec.volumes).toContainEqual({ name: 'docker-sock', hostPath: { path: '/var/run/docker.sock', type: 'Socket' } });
  });

  it('refuses what the API would: a broken value in an overlay fails validation', () => {
    const dir = scratch();
    mkdirSync(path.join(dir, 'overlays/broken'));
    writeFileSync(path.join(dir, 'overlays/broken/kustomization.yaml'), `resources: [../../base]
patches:
  - patch: |-
      apiVersion: apps/v1
      kind: Deployment
      metadata: { name: headroom-server, namespace: headroom }
      spec:
        replicas: two
        template:
          spec:
            containers:
              - { name: server, imagePullPolicy: Sometimes, resources: { limits: { memory: lots } } }
`);
    expect(problems(render(path.join(dir, 'overlays/broken')))).toEqual([expect.stringMatching(/^Deployment headroom-server: .*replicas must be integer.*imagePullPolicy must be equal to one of the allowed values.*memory must match format "quantity"/s)]);
  });

  it('renders as docs/deploy.md says', () => {
    const dir = scratch();
    const docs = section(readFileSync(path.join(repo, 'docs/deploy.md'), 'utf8'), '## Kubernetes');
    const lines = codeBlocks(docs, 'sh').flatMap((b) => b.split('\n')).filter((l) => l.startsWith('kubectl kustomize '));
    expect(lines.length).toBeGreaterThanOrEqual(3);
    // The Secrets made by hand, as the client would send them (no cluster here).
    const byHand = codeBlocks(docs, 'sh').flatMap((b) => b.split('\n')).filter((l) => l.startsWith('kubectl -n headroom create secret '));
    expect(byHand).toHaveLength(2);
    writeFileSync(path.resolve(dir, '../../token'), `${token}\n`);
    for (const line of byHand) lines.push(`${line} --dry-run=client -o yaml`);
    for (const line of lines) {
      const r = spawnSync('sh', ['-c', line], { cwd: path.resolve(dir, '../..'), encoding: 'utf8' });
      expect(r.status, `${line}\n${r.stderr}`).toBe(0);
      expect(problems(parseAllDocuments(r.stdout).map((d) => d.toJS() as K8sObject)), line).toEqual([]);
    }
  });
});
