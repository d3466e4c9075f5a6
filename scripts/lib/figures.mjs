// Measured figures the docs quote. The scripts that measure them record them
// in docs/figures.json; `npm run docs:figures` puts them into the markdown
// between <!-- fig:NAME --> and <!-- /fig -->, and a test fails when they differ.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
export const FIGURES_FILE = path.join(root, 'docs/figures.json');
// One line, so a marker never swallows the prose after it.
const MARKER = /<!-- fig:([\w.-]+) -->([^\n]*?)<!-- \/fig -->/g;

/** @returns {Record<string, { text: string; by: string }>} */
export function readFigures() {
  try {
    return JSON.parse(readFileSync(FIGURES_FILE, 'utf8'));
  } catch (err) {
    if (err.code === 'ENOENT') return {};
    throw err;
  }
}

/** Records figures measured by `by` (the command that measures them); rewrites the file only when one changed. */
export function recordFigures(texts, by) {
  const figures = readFigures();
  for (const [name, text] of Object.entries(texts)) figures[name] = { text, by };
  const sorted = Object.fromEntries(Object.entries(figures).sort(([a], [b]) => a.localeCompare(b)));
  const json = `${JSON.stringify(sorted, null, 2)}\n`;
  let old = '';
  try { old = readFileSync(FIGURES_FILE, 'utf8'); } catch { /* first figure */ }
  if (json !== old) writeFileSync(FIGURES_FILE, json);
}

/** README.md and docs/*.md, relative to the repository root. */
export function docFiles() {
  return ['README.md', ...readdirSync(path.join(root, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];
}

/** The figures a document marks, in order. */
export function markedFigures(text) {
  return [...text.matchAll(MARKER)].map((m) => ({ name: m[1], text: m[2] }));
}

/** The text with every marked figure replaced by its recorded one; names it has no figure for. */
export function renderFigures(text, figures) {
  const unknown = [];
  const out = text.replace(MARKER, (whole, name) => {
    const f = figures[name];
    if (!f) { unknown.push(name); return whole; }
    return `<!-- fig:${name} -->${f.text}<!-- /fig -->`;
  });
  return { text: out, unknown };
}

/** How many markers a text opens, well-formed or not (a marker the pattern misses would never be checked). */
export function openedMarkers(text) {
  return text.split('<!-- fig:').length - 1;
}

/** The text with the marked figures left out, for checks that no figure is given outside a marker. */
export function withoutFigures(text) {
  return text.replace(MARKER, '');
}

export const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
export const repoPath = (rel) => path.join(root, rel);
