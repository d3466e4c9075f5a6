import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { docFiles, kib, markedFigures, openedMarkers, readFigures, repoPath, withoutFigures } from './lib/figures.mjs';

const figures = readFigures();
const docs = docFiles().map((file) => ({ file, text: readFileSync(repoPath(file), 'utf8') }));

describe('figures in the docs', () => {
  it('are the measured ones in docs/figures.json (npm run docs:figures puts them in)', () => {
    const wrong = docs.flatMap(({ file, text }) => markedFigures(text)
      .filter((m) => m.text !== figures[m.name]?.text)
      .map((m) => `${file}: ${m.name} reads "${m.text}", measured ${figures[m.name] ? `"${figures[m.name]!.text}" (${figures[m.name]!.by})` : 'never'}`));
    expect(wrong).toEqual([]);
  });

  it('give the agent bundle size of the built file (npm run build:agent records it)', () => {
    expect(figures['agent.bundle']?.text).toBe(kib(statSync(repoPath('agent/dist/headroom-agent.js')).size));
  });

  it('are whole markers: a name, the figure on one line, the closing marker', () => {
    const broken = docs.filter(({ text }) => openedMarkers(text) !== markedFigures(text).length).map(({ file }) => file);
    expect(broken).toEqual([]);
  });

  it('stand outside code blocks, where a marker would show as text', () => {
    const fenced = docs.flatMap(({ file, text }) => text.split(/^```/m).filter((_, i) => i % 2 === 1)
      .flatMap((block) => markedFigures(block).map((m) => `${file}: ${m.name}`)));
    expect(fenced).toEqual([]);
  });

  it('give the agent size only through its figure', () => {
    const loose = docs.flatMap(({ file, text }) => withoutFigures(text).split('\n')
      .filter((line) => /(agent|bundle)\b.*\d\s*KiB/i.test(line)).map((line) => `${file}: ${line.trim()}`));
    expect(loose).toEqual([]);
  });
});
