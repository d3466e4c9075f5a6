// npm run docs:figures — rewrites the figures marked in README.md and docs/*.md
// from docs/figures.json (written by the scripts that measure them).
import { readFileSync, writeFileSync } from 'node:fs';
import { docFiles, readFigures, renderFigures, repoPath } from './lib/figures.mjs';

const figures = readFigures();
const unknown = [];
for (const file of docFiles()) {
  const text = readFileSync(repoPath(file), 'utf8');
  const out = renderFigures(text, figures);
  unknown.push(...out.unknown.map((n) => `${file}: ${n}`));
  if (out.text !== text) {
    writeFileSync(repoPath(file), out.text);
    console.log(`${file}: figures updated`);
  }
}
if (unknown.length) {
  console.error(`no measured figure in docs/figures.json for:\n  ${unknown.join('\n  ')}`);
  process.exit(1);
}
