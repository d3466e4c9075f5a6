// Builds the agent as a single executable (Node's SEA): one file that needs no
// Node.js on the host. Usage: npm run build:agent:sea -> agent/dist/headroom-agent
import { execFileSync } from 'node:child_process';
import { copyFileSync, chmodSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../agent/dist/', import.meta.url));
const config = `${dist}sea-config.json`;
const blob = `${dist}sea-prep.blob`;
const out = `${dist}headroom-agent`;
writeFileSync(config, JSON.stringify({ main: `${dist}headroom-agent.js`, output: blob, disableExperimentalSEAWarning: true }));
execFileSync(process.execPath, ['--experimental-sea-config', config], { stdio: 'inherit' });
// Built beside it and renamed into place: a server serving the file (GET
// /agent/headroom-agent-linux-x64) never hands out a half-written one.
const building = `${out}.building-${process.pid}`;
copyFileSync(process.execPath, building);
// Node's symbol tables are a tenth of the file and none of what runs: stripped where binutils is.
try {
  execFileSync('strip', ['--strip-all', building], { stdio: 'ignore' });
} catch {
  console.log('agent executable: strip not found (binutils): the symbols stay in');
}
execFileSync(process.execPath, [fileURLToPath(new URL('../node_modules/postject/dist/cli.js', import.meta.url)), building, 'NODE_SEA_BLOB', blob,
  '--sentinel-fuse', 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2'], { stdio: 'inherit' });
chmodSync(building, 0o755);
renameSync(building, out);
rmSync(config);
rmSync(blob);
console.log(`agent executable: ${out} (${(statSync(out).size / 1048576).toFixed(1)} MiB)`);
