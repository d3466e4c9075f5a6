import { openTestDatabase } from '../../lib/testing/databases';
import { setDbForTests } from '../../lib/server/db/client';
import { createToken } from '../../lib/server/services/create-token';
import { simFleet, simReport } from '../../lib/sim/fleet';
import { POST } from '../../app/api/v1/reports/route';
const t = await openTestDatabase('postgres');
setDbForTests(t.db);
const { token } = await createToken(t.db, { name: 'x', scope: 'ingest' });
const fleet = simFleet(10000);
const epoch = Date.now();
let k = 0;
const mk = () => { const i = k++; const h = fleet[i % fleet.length]!; return JSON.stringify(simReport({ ...h, pattern: 'ci' }, (Date.now() - epoch) / 1000 + i * 0.001, epoch, 15, 1)); };
const bodies = Array.from({ length: 12000 }, mk);
let j = 0;
const go = async (n: number) => {
  const t0 = performance.now(); const c0 = process.cpuUsage();
  await Promise.all(Array.from({ length: Number(process.env.C ?? 32) }, async () => {
    while (j < n) {
      const body = bodies[j++]!;
      const res = await POST(new Request('http://x/api/v1/reports', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body }));
      if (res.status !== 202) console.log(res.status, await res.text());
    }
  }));
  const s = (performance.now() - t0) / 1000; const c = process.cpuUsage(c0);
  console.log(`${n} reports in ${s.toFixed(2)} s: ${(n / s).toFixed(0)}/s, cpu ${((c.user + c.system) / 1000 / n).toFixed(3)} ms/report`);
};
await go(2000);
j = 2000; await go(12000);
setDbForTests(undefined);
await t.close();
