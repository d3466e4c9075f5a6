// The batch planner without a database: a small in-memory stand-in plays the
// part the database plays between the two halves (ids for new hosts, which
// report rows are new, the locked states), so a host can be followed through
// batches as write-batch.ts would write them.
import { describe, expect, it } from 'vitest';
import { makeReport, type ReportOptions } from '../testing/report-factory';
import { planBatch, reportKey, type BatchPlan, type HostState } from './plan';
import { notOwner, NOTHING_READ, planHosts, seenCache, type EnrolmentRead } from './plan-hosts';
import { prepare, type Enrolment, type Prepared } from './prepare';
import { KEYFRAME_MS, MIN_GAP_MS } from './samples';

const t0 = Date.UTC(2026, 0, 1, 12);
const S = 1000;
const token = (id: string, maxHosts: number | null = null): Enrolment => ({ tokenId: id, tokenName: `tok-${id}`, maxHosts });

/** A report collected `sec` seconds after t0 and received half a second later, prepared as the endpoint does. */
function report(host: string, sec: number, o: ReportOptions & { machineId?: string | null; enrol?: Enrolment | null } = {}): Prepared {
  const r = makeReport({ hostName: host, collectedAt: new Date(t0 + sec * S), ...o });
  if (o.machineId !== undefined) r.host.machineId = o.machineId;
  const at = t0 + sec * S;
  // The planner is told the time as performance.now(): this report was prepared at mono `at`.
  return { ...prepare(r, new Date(at + 500), undefined, o.enrol ?? null), preparedAt: at };
}

/** What the database holds between batches: host rows, report keys, states. */
class Store {
  ids = new Map<string, string>();
  cache = new Map<string, { id: string; key: string }>();
  /** The token each host belongs to, as the host table records it. */
  owners = new Map<string, string | null>();
  stored = new Set<string>();
  states = new Map<string, HostState>();
  rollupUntil: number | null = null;

  /** Plans a batch as write-batch.ts does, "writes" it here, and returns the second half's plan. */
  batch(items: Prepared[], enrolment: EnrolmentRead = NOTHING_READ, monoSec?: number): BatchPlan & { hosts: ReturnType<typeof planHosts> } {
    const hosts = planHosts(items, this.cache, enrolment, this.owners);
    const ids = new Map(hosts.cached);
    for (const { p, enrolledBy } of hosts.upserts) {
      const name = p.r.host.name;
      this.owners.set(name, this.owners.get(name) ?? enrolledBy);
      if (!this.ids.has(name)) this.ids.set(name, `id-${name}`);
      ids.set(name, this.ids.get(name)!);
    }
    const inserted = new Set<string>();
    for (const p of hosts.reports) {
      const k = reportKey(ids.get(p.r.host.name)!, p.at);
      if (!this.stored.has(k)) { inserted.add(k); this.stored.add(k); }
    }
    const newest = Math.max(...items.map((p) => p.at));
    const plan = planBatch(hosts, { ids, inserted, states: this.states, rollupUntil: this.rollupUntil }, monoSec === undefined ? newest + S : t0 + monoSec * S);
    for (const { hostId, s } of plan.states) this.states.set(hostId, s);
    for (const m of plan.machineChanges) this.states.set(m.hostId, { ...this.states.get(m.hostId)!, previousMachineId: m.previousMachineId, machineIdChangedAt: m.changedAt });
    for (const { p } of hosts.upserts) this.cache.set(p.r.host.name, { id: ids.get(p.r.host.name)!, key: p.hostKey });
    return { ...plan, hosts };
  }
}

const at = (rows: { p: Prepared }[]) => rows.map(({ p }) => (p.at - t0) / S);
const duplicates = (plan: BatchPlan) => plan.answers.map((a) => a.ok && a.value.duplicate);

describe('a batch of reports, planned', () => {
  it('writes a new host with everything: its row, state, both samples and its full report', () => {
    const plan = new Store().batch([report('new', 0)], { unknown: ['new'], limits: new Map(), enrolled: new Map() });
    expect(plan.hosts.upserts.map((u) => [u.p.r.host.name, u.enrolledBy])).toEqual([['new', null]]);
    expect([at(plan.uidSamples), at(plan.processSamples), at(plan.documents), at(plan.states)]).toEqual([[0], [0], [0], [0]]);
    expect(plan.states[0]!.s.slope.inotifyInstances).toBe(0);
    expect(plan.rollupMerges).toEqual([]);
    expect(plan.answers).toEqual([{ ok: true, value: { reportId: expect.any(String), hostId: 'id-new', duplicate: false } }]);
  });

  it('writes only the state of a known host whose facts, users and processes hold still', () => {
    const db = new Store();
    db.batch([report('known', 0, { instances: 10 })]);
    const plan = db.batch([report('known', 15, { instances: 10 })]);
    expect(plan.hosts.upserts).toEqual([]);
    expect(plan.hosts.cached.get('known')).toBe('id-known');
    expect([plan.uidSamples, plan.processSamples, plan.documents]).toEqual([[], [], []]);
    expect(at(plan.states)).toEqual([15]);
  });

  it('rewrites the host row of a known host whose facts changed, with the token of its report', () => {
    const db = new Store();
    db.batch([report('upgraded', 0)]);
    const p = report('upgraded', 15, { enrol: token('t1') });
    p.r.host.kernel = '6.9.0';
    const plan = db.batch([{ ...prepare(p.r, p.receivedAt, undefined, p.enrol), preparedAt: p.preparedAt }]);
    expect(plan.hosts.upserts.map((u) => [u.p.r.host.kernel, u.enrolledBy])).toEqual([['6.9.0', 't1']]);
  });

  it('keeps the trend of each dimension from one report to the next', () => {
    // Ten minutes of one instance more a report, one batch at a time.
    const db = new Store();
    let plan = db.batch([report('climbing', 0, { instances: 10 })]);
    for (let i = 1; i <= 40; i++) plan = db.batch([report('climbing', 15 * i, { instances: 10 + i })]);
    expect(plan.states[0]!.s.used.inotifyInstances).toBe(50);
    expect(plan.states[0]!.s.slope.inotifyInstances).toBeGreaterThan(0);
    expect(plan.states[0]!.s.slope.inotifyWatches).toBe(0);
  });

  it('stores a report sent twice in one batch once, and answers the copy as a duplicate', () => {
    const db = new Store();
    const p = report('twice', 0);
    const plan = db.batch([p, { ...p }, report('twice', 15)]);
    expect(plan.hosts.reports.map((r) => (r.at - t0) / S)).toEqual([0, 15]);
    expect(duplicates(plan)).toEqual([false, true, false]);
    expect(at(plan.states)).toEqual([15]);
  });

  it('answers a report the database already holds as a duplicate, and changes nothing for it', () => {
    const db = new Store();
    const p = report('resent', 0);
    db.batch([p]);
    const plan = db.batch([{ ...p }]);
    expect(duplicates(plan)).toEqual([true]);
    expect([plan.states, plan.uidSamples, plan.documents, plan.rollupMerges]).toEqual([[], [], [], []]);
  });

  it('moves the state on from the newest of a batch whatever the order the reports came in', () => {
    const db = new Store();
    db.batch([report('shuffled', 0, { instances: 10 })]);
    const plan = db.batch([report('shuffled', 30, { instances: 30 }), report('shuffled', 15, { instances: 20 })]);
    expect(at(plan.states)).toEqual([30]);
    expect(plan.states[0]!.s.used.inotifyInstances).toBe(30);
  });

  it('lets no report dated ahead of the server freeze the host: the real reports after it move the state', () => {
    const db = new Store();
    db.batch([report('skewed', 0, { instances: 10 })]);
    // Collected 4 minutes "after" it was received: a host clock ahead, or a forged report.
    const ahead = { ...report('skewed', 255, { instances: 7 }), receivedAt: new Date(t0 + 15 * S) };
    const forged = db.batch([ahead]);
    expect(forged.states.map(({ s }) => s.at - t0)).toEqual([15 * S]);
    const real = db.batch([report('skewed', 30, { instances: 40 })]);
    expect(at(real.states)).toEqual([30]);
    expect(real.states[0]!.s.used.inotifyInstances).toBe(40);
  });

  it('writes the samples of a late report but leaves the state where it was', () => {
    const db = new Store();
    db.batch([report('behind', 60)]);
    const plan = db.batch([report('behind', 30)]);
    expect([at(plan.uidSamples), at(plan.processSamples)]).toEqual([[30], [30]]);
    expect([plan.states, plan.documents, plan.machineChanges]).toEqual([[], [], []]);
    expect(duplicates(plan)).toEqual([false]);
  });

  it('records a second machine seen only in late reports, without taking its id', () => {
    const db = new Store();
    db.batch([report('twins', 60, { machineId: 'aaaa' })]);
    const plan = db.batch([report('twins', 30, { machineId: 'bbbb' })]);
    expect(plan.machineChanges).toEqual([{ hostId: 'id-twins', previousMachineId: 'bbbb', changedAt: t0 + 30 * S + 500 }]);
    expect(db.states.get('id-twins')!.machineId).toBe('aaaa');
  });

  it('follows a change of machine in collection order', () => {
    const db = new Store();
    db.batch([report('reinstalled', 0, { machineId: 'aaaa' })]);
    const s = db.batch([report('reinstalled', 15, { machineId: 'bbbb' })]).states[0]!.s;
    expect([s.machineId, s.previousMachineId, s.machineIdChangedAt]).toEqual(['bbbb', 'aaaa', t0 + 15 * S + 500]);
  });

  it('writes a sample when it changed (at most once a minute), and a keyframe every hour however still', () => {
    const db = new Store();
    db.batch([report('sampled', 0, { watches: 100 })]);
    expect(at(db.batch([report('sampled', 15, { watches: 101 })]).uidSamples)).toEqual([]); // changed, within the minute
    expect(at(db.batch([report('sampled', MIN_GAP_MS / S, { watches: 101 })]).uidSamples)).toEqual([60]);
    expect(at(db.batch([report('sampled', 75, { watches: 101 })]).uidSamples)).toEqual([]); // unchanged
    const keyframe = db.batch([report('sampled', (MIN_GAP_MS + KEYFRAME_MS) / S, { watches: 101 })]);
    expect([keyframe.uidSamples.length, keyframe.processSamples.length]).toEqual([1, 1]);
  });

  it('rewrites the full report once a minute, or at once when a fact changes', () => {
    const db = new Store();
    db.batch([report('facts', 0)]);
    expect(db.batch([report('facts', 30)]).documents).toEqual([]);
    expect(at(db.batch([report('facts', 60)]).documents)).toEqual([60]);
    expect(at(db.batch([report('facts', 75, { instanceLimit: 512 })]).documents)).toEqual([75]);
  });

  it('merges into the rollups a report that waited past the late age, or one in a minute the job has passed', () => {
    const db = new Store();
    db.rollupUntil = t0 + 60 * S;
    const plan = db.batch([report('on-time', 120), report('waited', 120), report('passed', 30)], NOTHING_READ, 120);
    expect(plan.rollupMerges.map((m) => m.hostId)).toEqual(['id-passed']);
    const later = db.batch([report('waited', 135)], NOTHING_READ, 135 + 121); // written two minutes after it arrived
    expect(later.rollupMerges).toEqual([{ hostId: 'id-waited', at: t0 + 135 * S }]);
  });
});

describe('enrolment, planned', () => {
  const unknown = (names: string[], limits: [string, number | null][], enrolled: [string, number][] = []): EnrolmentRead =>
    ({ unknown: names, limits: new Map(limits), enrolled: new Map(enrolled) });

  it('refuses a new host over its token\'s limit, and answers the other reports of the batch', () => {
    const plan = new Store().batch([report('over', 0, { enrol: token('full', 2) }), report('fine', 0, { enrol: token('open') })],
      unknown(['over', 'fine'], [['full', 2], ['open', null]], [['full', 2]]));
    expect(plan.hosts.upserts.map((u) => [u.p.r.host.name, u.enrolledBy])).toEqual([['fine', 'open']]);
    expect(plan.hosts.reports.map((p) => p.r.host.name)).toEqual(['fine']);
    const [over, fine] = plan.answers;
    expect(over).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/token "tok-full" has enrolled the 2 hosts it may/) } });
    expect(fine).toMatchObject({ ok: true, value: { hostId: 'id-fine', duplicate: false } });
  });

  it('enrols as many new hosts as the limit leaves room for, in name order', () => {
    const t = token('one', 1);
    const plan = new Store().batch([report('b', 0, { enrol: t }), report('a', 0, { enrol: t })], unknown(['b', 'a'], [['one', 1]]));
    expect(plan.hosts.upserts.map((u) => u.p.r.host.name)).toEqual(['a']);
    expect([...plan.hosts.refused.keys()]).toEqual(['b']);
  });

  it('enrols a host reported under a full token and an open one with the open one, and refuses the other\'s report', () => {
    const plan = new Store().batch([report('both', 0, { enrol: token('full', 1) }), report('both', 15, { enrol: token('open') })],
      unknown(['both'], [['full', 1], ['open', null]], [['full', 1]]));
    expect(plan.hosts.upserts.map((u) => [(u.p.at - t0) / S, u.enrolledBy])).toEqual([[15, 'open']]);
    expect(plan.answers.map((a) => a.ok)).toEqual([false, true]);
    expect(plan.answers[0]).toMatchObject({ ok: false, error: { code: 'forbidden', message: notOwner('both') } });
  });

  it('refuses every report for a host under a token other than its own, and takes its own token\'s', () => {
    const db = new Store();
    db.batch([report('web', 0, { enrol: token('a') })], unknown(['web'], [['a', null]]));
    const plan = db.batch([report('web', 15, { enrol: token('b') }), report('web', 16, { enrol: token('a') }), report('web', 17, { enrol: token('b') })]);
    expect(plan.answers.map((a) => a.ok)).toEqual([false, true, false]);
    expect(at(plan.hosts.reports.map((p) => ({ p })))).toEqual([16]);
    expect(at(plan.states)).toEqual([16]);
  });

  it('gives a host that belongs to no token yet to the token of its next report', () => {
    const db = new Store();
    db.batch([report('legacy', 0)], unknown(['legacy'], []));
    expect(db.owners.get('legacy')).toBeNull();
    const plan = db.batch([report('legacy', 15, { enrol: token('a') })]);
    expect(plan.answers[0]!.ok).toBe(true);
    expect(plan.hosts.upserts.map((u) => u.enrolledBy)).toEqual(['a']);
  });

  it('writes a host the cache knows but the transaction\'s read did not find, so its owner is checked', () => {
    // Another batch enrolled 'raced' after this one read the owners, and cached it.
    const cache = new Map([['raced', { id: 'id-raced', key: report('raced', 0).hostKey }]]);
    const items = [report('raced', 0, { enrol: token('late') })];
    const plan = planHosts(items, seenCache(cache, new Map()), unknown(['raced'], [['late', null]]), new Map());
    expect(plan.cached.size).toBe(0);
    expect(plan.upserts.map((u) => u.enrolledBy)).toEqual(['late']);
    expect(planHosts(items, seenCache(cache, new Map([['raced', 'late']])), NOTHING_READ, new Map([['raced', 'late']])).cached.get('raced')).toBe('id-raced');
  });

  it('lets a host the table already has report under a full token: the limit stops enrolment, never reporting', () => {
    const plan = new Store().batch([report('existing', 0, { enrol: token('full', 1) })], unknown([], [['full', 1]], [['full', 1]]));
    expect(plan.hosts.upserts.map((u) => u.enrolledBy)).toEqual(['full']);
    expect(plan.answers[0]!.ok).toBe(true);
  });
});
