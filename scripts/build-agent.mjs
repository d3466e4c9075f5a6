// Bundles agent/ into one dependency-free file: agent/dist/headroom-agent.js.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const outfile = new URL('../agent/dist/headroom-agent.js', import.meta.url).pathname;
await build({
  entryPoints: [new URL('../agent/main.ts', import.meta.url).pathname],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: false,
  legalComments: 'none',
  define: { __AGENT_VERSION__: JSON.stringify(version) },
  logLevel: 'warning',
});
// The repo is "type": "module"; the bundle is CommonJS so it also runs when copied alone.
writeFileSync(new URL('../agent/dist/package.json', import.meta.url), '{ "type": "commonjs" }\n');
const size = statSync(outfile).size;
console.log(`agent: ${outfile} (${(size / 1024).toFixed(1)} KiB)`);
// The docs quote the bundle's size from docs/figures.json. Image builds have no docs (nor scripts/lib).
if (existsSync(new URL('../docs/figures.json', import.meta.url))) {
  const { kib, recordFigures } = await import('./lib/figures.mjs');
  recordFigures({ 'agent.bundle': kib(size) }, 'npm run build:agent');
}
