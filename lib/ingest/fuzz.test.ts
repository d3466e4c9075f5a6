// Hostile input against the real ingest route over HTTP: thousands of malformed
// and mutated reports, mixed with valid ones. Every bad one gets a 4xx, the
// server keeps answering, memory stays bounded, and exactly the valid ones are stored.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../testing/app-server';
import { openTestDatabase, type TestDatabase } from '../testing/databases';
import { makeReport } from '../testing/report-factory';
import { setDbForTests } from '../server/db/client';
import { createToken } from '../access';

process.env.HEADROOM_INGEST_BURST = '100000'; // the flood here is the test, not abuse
process.env.HEADROOM_INGEST_RATE = '10000';

// A small deterministic generator, so a failure can be replayed.
function rng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

type Json = Record<string, unknown>;
const paths: string[][] = [
  ['protocolVersion'], ['reportId'], ['collectedAt'], ['intervalSeconds'], ['host'], ['host', 'name'], ['host', 'kernel'],
  ['fds'], ['fds', 'allocated'], ['fds', 'max'], ['inotify', 'maxUserInstances'], ['inotify', 'instancesSource'],
  ['uids'], ['uids', '0', 'uid'], ['uids', '0', 'instances'], ['processes', '0', 'pid'], ['processes', '0', 'command'],
  ['containers', 'method'], ['containers', 'running'], ['scan', 'skipped', 'denied'], ['scan', 'durationMs'],
];
const poison: unknown[] = [
  null, -1, -1e308, 1e308, 1.5, '', 'x'.repeat(5000), '💥\u202e\u0000', true, [], {}, [[[[[[[[[[[]]]]]]]]]]], { $gt: '' }, '1; DROP TABLE report;--',
];

function set(obj: Json, path: string[], value: unknown, del: boolean) {
  let o: Record<string, unknown> = obj;
  for (const k of path.slice(0, -1)) {
    if (typeof o[k] !== 'object' || o[k] === null) return false;
    o = o[k] as Record<string, unknown>;
  }
  const last = path.at(-1)!;
  if (del) delete o[last];
  else o[last] = value;
  return true;
}

function deep(n: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < n; i++) v = { a: v };
  return v;
}

describe('hostile input', () => {
  let t: TestDatabase;
  let server: AppServer;
  let token: string;
  beforeAll(async () => {
    t = await openTestDatabase('postgres');
    setDbForTests(t.db);
    server = await startAppServer();
    token = (await createToken(t.db, { name: 'fuzz', scope: 'ingest' })).token;
  });
  afterAll(async () => {
    setDbForTests(undefined);
    await server.stop();
    await t.close();
  });

  it('answers 4xx to every malformed report, stores exactly the valid ones, and stays up', async () => {
    const rand = rng(42);
    const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
    let valid = 0;
    const bad: string[] = [];
    const rssBefore = process.memoryUsage().rss;
    for (let i = 0; i < 2500; i++) {
      const base = makeReport({ hostName: `fuzz-${i % 7}` }) as unknown as Json;
      let body: string;
      let expectOk = false;
      const kind = i % 10;
      if (kind === 0) {
        expectOk = true;
        body = JSON.stringify(base);
      } else if (kind === 1) {
        const text = JSON.stringify(base);
        body = text.slice(0, Math.floor(rand() * (text.length - 1))); // truncated
      } else if (kind === 2) {
        body = JSON.stringify({ ...base, host: deep(2000) });
      } else if (kind === 3) {
        body = pick(['', 'null', '[]', '"report"', '{"protocolVersion":1}', '\u0000\u0001', '{'.repeat(5000)]);
      } else {
        // Required fields deleted or given a poisoned value: none of these is a valid report.
        const path = pick(paths);
        const value = pick(poison);
        const del = rand() < 0.3;
        if (!set(base, path, value, del)) set(base, ['reportId'], 'not-a-uuid', false);
        body = JSON.stringify(base);
      }
      const res = await fetch(`${server.url}/api/v1/reports`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
      await res.arrayBuffer();
      if (expectOk) {
        if (res.status !== 202) bad.push(`#${i} valid got ${res.status}`);
        else valid++;
      } else if (res.status < 400 || res.status >= 500) {
        // A poisoned value can land where the schema allows it (e.g. "" for a nullable string): then 202 is right.
        if (res.status === 202) valid++;
        else bad.push(`#${i} got ${res.status}: ${body.slice(0, 120)}`);
      }
    }
    expect(bad).toEqual([]);
    expect(await t.db.report.count()).toBe(valid);
    expect(valid).toBeGreaterThanOrEqual(250);
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(300 * 1024 * 1024);
  });
});
