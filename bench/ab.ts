// npm run bench:ab -- [--old <git ref>] [--rounds N] [probe ...]
// Old against new in one run: the same probe (bench/ab-probe.ts) on an older
// checkout and on this one, alternating, on the same machine and database
// server. Noise is the spread of one side's rounds; a difference inside it is
// no difference. Probes: fleet (Postgres), fleet-pglite.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { describeMachine } from '../scripts/lib/machine';

const root = path.resolve(import.meta.dirname, '..');
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { old: { type: 'string', default: 'c34e89f' }, rounds: { type: 'string', default: '3' } },
});
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds must be a whole number, 1 or more');
const probes = positionals.length ? positionals : ['fleet'];

const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
const oldSha = git('rev-parse', '--short', `${values.old}^{commit}`);
const newSha = git('rev-parse', '--short', 'HEAD') + (git('status', '--porcelain', '--untracked-files=no') ? '+changes' : '');

/** The old checkout, outside this one (so no tool here reads it), sharing this one's installed packages. */
function oldTree(): string {
  const dir = path.join(os.tmpdir(), `headroom-ab-${oldSha}`);
  if (!existsSync(dir)) git('worktree', 'add', '--detach', dir, oldSha);
  if (!existsSync(path.join(dir, 'node_modules'))) symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
  const generated = 'lib/server/generated';
  if (!existsSync(path.join(dir, generated))) cpSync(path.join(root, generated), path.join(dir, generated), { recursive: true });
  return dir;
}

type Figures = Record<string, { p50: number; p95: number }>;
function measure(tree: string, probe: string): Figures {
  const r = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', path.join(root, 'bench/ab-probe.ts'), probe], {
    cwd: tree, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' }, maxBuffer: 16 << 20,
  });
  if (r.status !== 0) throw new Error(`probe ${probe} in ${tree} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Figures;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const trees = { old: oldTree(), new: root };
console.log(`Machine: ${describeMachine()}\nold ${oldSha} against new ${newSha}, ${rounds} round(s) each, alternating\n`);
for (const probe of probes) {
  const runs: Record<'old' | 'new', Figures[]> = { old: [], new: [] };
  for (let i = 0; i < rounds; i++) {
    const order: ('old' | 'new')[] = i % 2 ? ['new', 'old'] : ['old', 'new'];
    for (const side of order) runs[side].push(measure(trees[side], probe));
  }
  console.log(`probe ${probe}: p50 in ms, median of rounds (spread of rounds)\n`);
  console.log('| query | old p50 | new p50 | change | old spread | new spread |\n| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const key of Object.keys(runs.old[0]!)) {
    const o = runs.old.map((f) => f[key]!.p50);
    const n = runs.new.map((f) => f[key]!.p50);
    const spread = (xs: number[]) => `${(Math.min(...xs)).toFixed(1)}–${(Math.max(...xs)).toFixed(1)}`;
    const change = ((median(n) - median(o)) / median(o)) * 100;
    console.log(`| ${key} | ${median(o).toFixed(1)} | ${median(n).toFixed(1)} | ${change >= 0 ? '+' : ''}${change.toFixed(0)} % | ${spread(o)} | ${spread(n)} |`);
  }
  console.log('');
}
