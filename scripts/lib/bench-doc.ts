import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const doc = path.resolve(import.meta.dirname, '../../docs/BENCHMARKS.md');

/** Replaces the section between <!-- name --> and <!-- /name --> in docs/BENCHMARKS.md (appends it if absent). */
export function writeSection(name: string, body: string): void {
  let text = '';
  try {
    text = readFileSync(doc, 'utf8');
  } catch {
    text = '# Benchmarks\n\nFigures written by the benchmark scripts; each section says how to reproduce it.\n';
  }
  const open = `<!-- ${name} -->`;
  const close = `<!-- /${name} -->`;
  const section = `${open}\n${body.trim()}\n${close}`;
  const start = text.indexOf(open);
  const end = text.indexOf(close);
  text = start >= 0 && end > start ? text.slice(0, start) + section + text.slice(end + close.length) : `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(doc, text);
}
