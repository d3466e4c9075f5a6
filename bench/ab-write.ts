// npm run bench:ab-write [-- --old REF --hosts 10000 --rounds 8 --db postgres --changed COL,COL]
//
// The in-process write path (bench/scale/write-path.ts), old writer against
// new in one run: the batch writer as it is at `--old` (by default where this
// branch left main), copied from git into bench/out/ (ignored), and as it is
// in the working tree, taking turns batch by batch on one database, so both
// see the same fleet, table sizes and machine load. Prints reports/s and
// batch times per writer, after checking that both leave the same rows
// (but for the --changed columns: what the change under test means to change).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { prepare, writeBatch, type Prepared } from '../lib/ingest';
import type { Report } from '../lib/protocol';
import type { Db } from '../lib/server/db/client';
import { simFleet, simReport } from '../lib/sim/fleet';
import { openTestDatabase, type DbKind } from '../lib/testing/databases';
import { describeMachine } from '../scripts/lib/machine';

const { values: args } = parseArgs({ options: {
  old: { type: 'string' }, hosts: { type: 'string', default: '10000' },
  rounds: { type: 'string', default: '8' }, db: { type: 'string', default: 'postgres' },
  changed: { type: 'string', default: '' },
} });
const changed = new Set(args.changed.split(',').filter(Boolean));
const root = path.resolve(import.meta.dirname, '..');
const OUT = path.join(root, 'bench/out/ab-old');
const BATCH = 500;
const INTERVAL = 15;

type Writer = (db: Db, items: Prepared[]) => Promise<unknown>;

const git = (...a: string[]) => execFileSync('git', a, { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
const shown = new Map<string, string | null>();
function atRef(ref: string, file: string): string | null {
  const key = `${ref}:${file}`;
  if (!shown.has(key)) {
    try { shown.set(key, execFileSync('git', ['show', key], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 << 20 })); } catch { shown.set(key, null); }
  }
  return shown.get(key)!;
}
const importRe = /(\bfrom\s+|\bimport\s*\(\s*|^\s*import\s+)(['"])(\.{1,2}\/[^'"]+)\2/gm;

/**
 * Copies `entry` as it is at `ref`, with every file it reaches that differs
 * from the working tree (or reaches one that does), rewriting imports so the
 * copies use each other and the working tree's files for the rest.
 */
function copyAtRef(ref: string, entry: string): string {
  const resolve = (from: string, spec: string) => {
    const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
    const candidates = [`${base}.ts`, `${base}/index.ts`, base];
    // Files git does not hold (the generated Prisma client) are the working tree's.
    return candidates.find((f) => atRef(ref, f) !== null) ?? candidates.find((f) => existsSync(path.join(root, f))) ?? null;
  };
  const deps = (file: string) => [...(atRef(ref, file) ?? '').matchAll(importRe)].map((m) => resolve(file, m[3]!)).filter((f): f is string => f !== null);
  const differs = (file: string) => {
    const then = atRef(ref, file);
    const p = path.join(root, file);
    return then !== null && (!existsSync(p) || readFileSync(p, 'utf8') !== then);
  };
  const copy = new Map<string, boolean>();
  const visit = (file: string): boolean => {
    if (copy.has(file)) return copy.get(file)!;
    copy.set(file, false); // a cycle counts as unchanged until shown otherwise
    const dependsOnChange = deps(file).map(visit).some(Boolean);
    copy.set(file, differs(file) || dependsOnChange);
    return copy.get(file)!;
  };
  visit(entry);
  const copied = [...copy].filter(([, c]) => c).map(([f]) => f);
  const flat = (file: string) => file.replace(/\//g, '__');
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  for (const file of copied) {
    const src = atRef(ref, file)!.replace(importRe, (all, lead: string, q: string, spec: string) => {
      const target = resolve(file, spec);
      if (!target) return all;
      const to = copied.includes(target) ? `./${flat(target)}` : path.relative(OUT, path.join(root, target));
      return `${lead}${q}${to.startsWith('.') ? to : `./${to}`}${q}`;
    });
    writeFileSync(path.join(OUT, flat(file)), src);
  }
  console.log(`old writer: ${copied.join(', ')} as at ${ref} (${git('rev-parse', '--short', ref).trim()})`);
  return path.join(OUT, flat(entry));
}

// Every row a batch writes, by host name: ids and creation times differ between databases, nothing else may.
const TABLES = ['host_state', 'report', 'uid_sample', 'process_sample', 'host_report', 'report_minute', 'report_hour'];
async function rows(db: Db): Promise<string> {
  const out = [JSON.stringify(await db.$queryRawUnsafe(
    'SELECT name, machine_id, kernel, agent_version, boot_time, interval_seconds, agent_labels, enrolled_by FROM host ORDER BY name'))];
  for (const table of TABLES) {
    const got = await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT h.name AS host_name, t.* FROM ${table} t JOIN host h ON h.id = t.host_id`);
    const kept = got.map(({ host_id: _, ...r }) => JSON.stringify(r, (k, v: unknown) => (changed.has(k) ? undefined : typeof v === 'bigint' ? String(v) : v))).sort();
    out.push(`${table}: ${kept.length}`, ...kept);
  }
  return out.join('\n');
}

/**
 * A few minutes of a small fleet through each writer on a database of its
 * own, with what the timed run lacks: resends, reports between rounds that
 * arrive after newer ones, and reports minutes old that merge into the rollups.
 */
async function sameRows(writers: [string, Writer][], kind: DbKind): Promise<string> {
  const fleet = simFleet(300);
  const epoch = Date.now() - 20 * INTERVAL * 1000;
  // Reports (with their ids) made once; prepared as each batch is written, so a report's age is the same for both writers.
  type Sent = { r: Report; waitedMs: number };
  const at = (k: number, late = 0, waitedMs = 500): Sent[] => fleet.map((h) => simReport(h, k * INTERVAL - late, epoch, INTERVAL, k + 1))
    .filter((r) => r !== null).map((r) => ({ r, waitedMs }));
  const batches: Sent[][] = [];
  for (let k = 0; k < 12; k++) {
    const round = at(k);
    if (k % 4 === 3) round.push(...batches.at(-1)!.slice(0, 50)); // resent: duplicates
    if (k % 5 === 4) round.push(...at(k - 2, 7).slice(0, 80), ...at(k - 1, 3, 180_000).slice(100, 140)); // late, and waited
    batches.push(round);
  }
  const dumps: string[] = [];
  for (const [, write] of writers) {
    const t = await openTestDatabase(kind);
    try {
      for (const b of batches) {
        for (let i = 0; i < b.length; i += 97) {
          await write(t.db, b.slice(i, i + 97).map(({ r, waitedMs }) => prepare(r, new Date(Date.parse(r.collectedAt) + waitedMs))));
        }
      }
      dumps.push(await rows(t.db));
    } finally {
      await t.close();
    }
  }
  if (dumps[0] !== dumps[1]) {
    const [a, b] = dumps.map((d) => d.split('\n'));
    const i = a!.findIndex((line, n) => line !== b![n]);
    throw new Error(`the writers left different rows; first difference:\nold: ${a![i]}\nnew: ${b![i]}`);
  }
  return dumps[0]!.split('\n').filter((line) => /^\w+: \d+$/.test(line)).join(', ');
}

const quantile = (xs: number[], q: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))]!; };

async function main() {
  const ref = args.old ?? git('merge-base', 'HEAD', 'main').trim();
  const oldWriter = (await import(pathToFileURL(copyAtRef(ref, 'lib/ingest/write-batch.ts')).href) as { writeBatch: Writer }).writeBatch;
  const writers: [string, Writer][] = [['old', oldWriter], ['new', writeBatch]];
  console.log(`same rows from both writers${changed.size ? ` but for ${[...changed].join(', ')}` : ''} (${await sameRows(writers, args.db as DbKind)})`);
  const hosts = Number(args.hosts);
  const rounds = Number(args.rounds);
  const t = await openTestDatabase(args.db as DbKind);
  const load = os.loadavg()[0]!;
  const times = new Map<string, number[]>(writers.map(([n]) => [n, []]));
  const reports = new Map<string, number>(writers.map(([n]) => [n, 0]));
  const perRound = new Map<string, number[]>(writers.map(([n]) => [n, []]));
  try {
    const fleet = simFleet(hosts).map((h) => ({ ...h, pattern: h.pattern === 'silent' ? 'steady' as const : h.pattern }));
    const epoch = Date.now() - (rounds + 1) * INTERVAL * 1000;
    for (let k = 0; k <= rounds; k++) {
      const round = new Map<string, { ms: number; n: number }>(writers.map(([n]) => [n, { ms: 0, n: 0 }]));
      for (let i = 0, b = 0; i < fleet.length; i += BATCH, b++) {
        const batch = fleet.slice(i, i + BATCH).map((h) => {
          const r = simReport(h, k * INTERVAL, epoch, INTERVAL, k + 1)!;
          return prepare(r, new Date(Date.parse(r.collectedAt) + 500));
        });
        // Turns swap every round, so each writer gets every slice of the fleet.
        const [name, write] = writers[(b + k) % 2]!;
        const t0 = performance.now();
        await write(t.db, batch);
        const ms = performance.now() - t0;
        if (k === 0) continue; // round 0 creates the hosts: not measured
        times.get(name)!.push(ms);
        reports.set(name, reports.get(name)! + batch.length);
        round.get(name)!.ms += ms;
        round.get(name)!.n += batch.length;
      }
      if (k > 0) for (const [n, r] of round) perRound.get(n)!.push(r.n / (r.ms / 1000));
    }
  } finally {
    await t.close();
    rmSync(OUT, { recursive: true, force: true });
  }
  console.log(`machine: ${describeMachine()}; load average ${load.toFixed(1)} at the start; ${args.db}, ${hosts} hosts, batches of ${BATCH}, ${rounds} measured rounds`);
  const rate = new Map<string, number>();
  for (const [name, ms] of times) {
    const total = ms.reduce((a, b) => a + b, 0);
    rate.set(name, reports.get(name)! / (total / 1000));
    const rounds = perRound.get(name)!.map((r) => Math.round(r)).join(' ');
    console.log(`${name}: ${Math.round(rate.get(name)!)} reports/s over ${reports.get(name)} reports, batch p50 ${quantile(ms, 0.5).toFixed(1)} ms, p95 ${quantile(ms, 0.95).toFixed(1)} ms; by round: ${rounds}`);
  }
  console.log(`new / old: ${(rate.get('new')! / rate.get('old')!).toFixed(3)}`);
}

await main();
