// Hostile input against the real ingest route over HTTP: thousands of malformed
// and mutated reports, mixed with valid ones. Every bad one gets a 4xx, the
// server keeps answering, memory stays bounded, and exactly the valid ones are stored.
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
// The poisoned values the protocol allows where they land (a kernel name may be
// empty, a host may have no UIDs, a scan may take 1.5 ms): those reports are valid.
// Every other value, and every deletion (all these fields are required), is not.
const allowed: Record<string, unknown[]> = {
  'host.name': ['1; DROP TABLE report;--'],
  'host.kernel': ['', '1; DROP TABLE report;--'],
  'uids': [[]],
  'processes.0.command': ['1; DROP TABLE report;--'],
  'scan.durationMs': [1.5],
};
interface Mutation { path: string[]; value?: unknown; valid: boolean }
const mutations: Mutation[] = paths.flatMap((path) => [
  { path, valid: false },
  ...poison.map((value) => ({ path, value, valid: (allowed[path.join('.')] ?? []).some((a) => JSON.stringify(a) === JSON.stringify(value)) })),
]);
const describeMutation = (m: Mutation) => `${m.path.join('.')} ${'value' in m ? `= ${JSON.stringify(m.value)?.slice(0, 40)}` : 'deleted'}`;

function mutate(obj: Json, m: Mutation) {
  let o: Record<string, unknown> = obj;
  for (const k of m.path.slice(0, -1)) o = o[k] as Record<string, unknown>;
  const last = m.path.at(-1)!;
  if ('value' in m) o[last] = m.value;
  else delete o[last];
}

function deep(n: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < n; i++) v = { a: v };
  return v;
}

interface Case { body: string; valid: boolean; what: string; mutation?: number }

/** 2,500 requests: a tenth valid reports, the rest truncated, nested, junk, or each mutation in turn (a few times over). */
function* cases(): Generator<Case> {
  const rand = rng(42);
  const junk = ['', 'null', '[]', '"report"', '{"protocolVersion":1}', '\u0000\u0001', '{'.repeat(5000)];
  let next = 0;
  for (let i = 0; i < 2500; i++) {
    const base = makeReport({ hostName: `fuzz-${i % 7}` }) as unknown as Json;
    const kind = i % 10;
    if (kind === 0) yield { body: JSON.stringify(base), valid: true, what: 'a valid report' };
    else if (kind === 1) {
      // A strict prefix of a JSON object is never JSON.
      const text = JSON.stringify(base);
      yield { body: text.slice(0, Math.floor(rand() * (text.length - 1))), valid: false, what: 'a truncated report' };
    } else if (kind === 2) yield { body: JSON.stringify({ ...base, host: deep(2000) }), valid: false, what: 'a host nested 2,000 deep' };
    else if (kind === 3) {
      const body = junk[Math.floor(rand() * junk.length)]!;
      yield { body, valid: false, what: `junk ${JSON.stringify(body.slice(0, 20))}` };
    } else {
      const mutation = next++ % mutations.length;
      const m = mutations[mutation]!;
      mutate(base, m);
      yield { body: JSON.stringify(base), valid: m.valid, what: describeMutation(m), mutation };
    }
  }
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
    const sent = { valid: 0, invalid: 0 };
    const mutated = new Set<number>();
    const bad: string[] = [];
    const rssBefore = process.memoryUsage().rss;
    for (const c of cases()) {
      const res = await fetch(`${server.url}/api/v1/reports`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: c.body });
      await res.arrayBuffer();
      sent[c.valid ? 'valid' : 'invalid']++;
      if (c.mutation !== undefined) mutated.add(c.mutation);
      // Refused as the bad input it is (400 bad JSON, 413 too large, 422 not a report), never for another reason.
      const right = c.valid ? res.status === 202 : [400, 413, 422].includes(res.status);
      if (!right) bad.push(`${c.valid ? 'valid' : 'invalid'} ${c.what} got ${res.status}`);
    }
    expect(bad).toEqual([]);
    // Not a vacuous pass: the invalid cases ran, every mutation among them, and the valid ones were stored.
    expect(sent.invalid).toBeGreaterThanOrEqual(2000);
    expect(mutated.size).toBe(mutations.length);
    expect(mutations.filter((m) => !m.valid).length).toBe(mutations.length - Object.values(allowed).flat().length);
    expect(sent.valid).toBeGreaterThanOrEqual(250);
    expect(await t.db.report.count()).toBe(sent.valid);
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(300 * 1024 * 1024);
  }, 180_000); // thousands of requests: minutes on a loaded two-core machine
});
