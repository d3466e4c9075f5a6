// The fleet query repeats lib/risk's rules in SQL so the database filters and
// sorts on them (fleet-sql.ts): status, each used fraction, the soonest time to
// exhaustion and the stale panic flag. Over generated host states, edges
// included, the SQL and the TypeScript must give the same answers, on both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { columnsOf, dimensionKeys, dimensionSpecs, fieldsOf } from '../dimensions';
import type { FiringAlert } from '../protocol';
import { DEFAULT_THRESHOLDS, type Thresholds } from '../risk';
import { Prisma } from '../server/generated/prisma/client';
import { columnList, iso, unnestFrom, type Column } from '../server/db/unnest';
import { dbKinds, openTestDatabase, type TestDatabase } from '../testing/databases';
import { generateHosts, type GeneratedHost } from '../testing/host-states';
import { fractionColumn } from './dimension-sql';
import { fleetOrder, fleetRows } from './fleet-sql';
import { toSummary } from './host-summary';

const HOSTS = 4000;
const SEED = 19;
const now = new Date('2026-03-01T12:00:00.123Z');
/** The defaults, levels far apart and the longest silence, levels one bit apart and the shortest. */
const sets: Thresholds[] = [
  DEFAULT_THRESHOLDS,
  { warning: 0.5, critical: 1, silentAfterIntervals: 100 },
  { warning: 0.3, critical: 0.30000000000000004, silentAfterIntervals: 2 },
];
const hosts = generateHosts(HOSTS, SEED, now, sets);

async function insert(t: TestDatabase, rows: GeneratedHost[]): Promise<void> {
  const run = async (table: string, cols: Column[]) => {
    const from = unnestFrom(cols);
    await t.db.$executeRawUnsafe(`INSERT INTO ${table} (${columnList(cols)}) SELECT ${columnList(cols)} FROM ${from.sql}`, ...from.params);
  };
  await run('host', [
    { name: 'id', type: 'uuid', values: rows.map((h) => h.id) },
    { name: 'name', type: 'text', values: rows.map((h) => h.name) },
    { name: 'interval_seconds', type: 'int', values: rows.map((h) => h.intervalSeconds) },
  ]);
  const reported = rows.filter((h) => h.state);
  const s = (h: GeneratedHost) => h.state!;
  await run('host_state', [
    { name: 'host_id', type: 'uuid', values: reported.map((h) => h.id) },
    { name: 'report_id', type: 'uuid', values: reported.map((h) => h.id) },
    { name: 'collected_at', type: 'timestamptz', values: reported.map((h) => iso(s(h).receivedAt.getTime())) },
    { name: 'received_at', type: 'timestamptz', values: reported.map((h) => iso(s(h).receivedAt.getTime())) },
    ...dimensionSpecs.flatMap((d) => {
      const c = columnsOf(d);
      const f = fieldsOf(d.key);
      return [
        { name: c.used, type: d.sqlType, values: reported.map((h) => s(h)[f.used]) },
        { name: c.limit, type: d.sqlType, values: reported.map((h) => s(h)[f.limit]) },
        { name: c.slope, type: 'float8', values: reported.map((h) => s(h)[f.slope]) },
      ];
    }),
    { name: 'worst_fraction', type: 'float8', values: reported.map((h) => s(h).worstFraction) },
    { name: 'panic_risk', type: 'bool', values: reported.map((h) => s(h).panicRisk) },
    { name: 'crashing_buildkit', type: 'bool', values: reported.map(() => false) },
  ]);
  const [rule, silentRule] = ['exhaustion', 'silent'].map((d, i) => ({ id: `00000000-0000-4000-9000-00000000000${i}`, dimension: d }));
  await run('alert_rule', [
    { name: 'id', type: 'uuid', values: [rule!.id, silentRule!.id] },
    { name: 'name', type: 'text', values: ['generated', 'generated silent'] },
    { name: 'dimension', type: 'text', values: ['exhaustion', 'silent'] },
  ]);
  const alerts = [
    ...rows.filter((h) => h.alert).map((h) => ({ h, rule: rule!, severity: h.alert! })),
    ...rows.filter((h) => h.silentAlert).map((h) => ({ h, rule: silentRule!, severity: 'critical' })),
  ];
  await run('alert', [
    { name: 'id', type: 'uuid', values: alerts.map((_, i) => `00000000-0000-4000-a000-${i.toString(16).padStart(12, '0')}`) },
    { name: 'host_id', type: 'uuid', values: alerts.map((a) => a.h.id) },
    { name: 'rule_id', type: 'uuid', values: alerts.map((a) => a.rule.id) },
    { name: 'open_key', type: 'text', values: alerts.map((a) => `${a.h.id}:${a.rule.id}`) },
    { name: 'dimension', type: 'text', values: alerts.map((a) => a.rule.dimension) },
    { name: 'state', type: 'text', values: alerts.map(() => 'firing') },
    { name: 'severity', type: 'text', values: alerts.map((a) => a.severity) },
    { name: 'value', type: 'float8', values: alerts.map(() => 1) },
    { name: 'started_at', type: 'timestamptz', values: alerts.map(() => iso(now.getTime())) },
    { name: 'fired_at', type: 'timestamptz', values: alerts.map(() => iso(now.getTime())) },
  ]);
}

interface Judged { status: string; panic: boolean; exhaustion: number | null; fractions: number[] }
/** Equal to the bit: Object.is tells NaN and -0 apart, as JSON would not. */
const same = (a: Judged, b: Judged) => a.status === b.status && a.panic === b.panic && Object.is(a.exhaustion, b.exhaustion)
  && a.fractions.every((f, i) => Object.is(f, b.fractions[i]));

/** The TypeScript rules: the summary the fleet page shows for the host. */
function judgeInTs(h: GeneratedHost, t: Thresholds): Judged {
  const firing: FiringAlert | null = h.alert ? { severity: h.alert, rule: 'generated', dimension: 'exhaustion', value: 1, count: 1 } : null;
  const state = h.state ? { ...h.state, containersRunning: null, containerRoom: null, crashingBuildkit: false, machineIdChangedAt: null } : null;
  const s = toSummary({ id: h.id, name: h.name, intervalSeconds: h.intervalSeconds, labels: [], agentLabels: [], state }, now, t, firing);
  return { status: s.status, panic: s.panicRisk, exhaustion: s.exhaustionSeconds, fractions: dimensionKeys.map((k) => s.dimensions[k].fraction) };
}

/** The same rules as the database runs them for the fleet query. */
async function judgeInSql(t: TestDatabase, th: Thresholds): Promise<Map<string, Judged>> {
  const rows = await t.db.$queryRaw<Record<string, unknown>[]>`${fleetRows(now, th, Prisma.sql`WHERE h.name LIKE 'p-%'`)}
    SELECT name, status, at_panic, ${Prisma.raw(fleetOrder.exhaustion)} AS full_in, ${Prisma.raw(dimensionKeys.map(fractionColumn).join(', '))} FROM r`;
  return new Map(rows.map((r) => [String(r.name), {
    status: String(r.status), panic: Boolean(r.at_panic), exhaustion: r.full_in === null ? null : Number(r.full_in),
    fractions: dimensionKeys.map((k) => Number(r[fractionColumn(k)])),
  }]));
}

describe.each(dbKinds)('the SQL and the TypeScript rules agree on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
    await insert(t, hosts);
  }, 120_000);
  afterAll(async () => { await t.close(); });

  it(`on the status, fractions, time to exhaustion and panic flag of ${HOSTS} generated hosts under ${sets.length} sets of levels`, async () => {
    const differ: string[] = [];
    for (const th of sets) {
      const sql = await judgeInSql(t, th);
      expect(sql.size).toBe(HOSTS);
      for (const h of hosts) {
        const want = judgeInTs(h, th);
        const got = sql.get(h.name)!;
        if (!same(got, want)) differ.push(`${h.name} ${JSON.stringify(th)}: sql ${JSON.stringify(got)}, ts ${JSON.stringify(want)}, host ${JSON.stringify(h)}`);
      }
    }
    // The cases must reach every branch, or agreeing says little.
    const all = sets.flatMap((th) => hosts.map((h) => judgeInTs(h, th)));
    for (const s of ['ok', 'warning', 'critical', 'silent']) expect(all.some((j) => j.status === s), s).toBe(true);
    expect(all.some((j) => j.panic) && all.some((j) => !j.panic)).toBe(true);
    expect(all.some((j) => j.exhaustion === 0) && all.some((j) => j.exhaustion === null) && all.some((j) => (j.exhaustion ?? 0) > 0)).toBe(true);
    expect(differ.slice(0, 5), `${differ.length} of ${HOSTS * sets.length} differ (seed ${SEED})`).toEqual([]);
  }, 120_000);
});
