import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
  packages: Record<string, { engines?: { node?: string }; os?: string[]; cpu?: string[] }>;
};
const oldest = semver.minVersion(pkg.engines.node)!.version;

describe('the Node.js version the project asks for', () => {
  it('is one every installed dependency supports, so npm ci warns of no engine', () => {
    const refusing = Object.entries(lock.packages)
      .filter(([, p]) => (!p.os || p.os.includes('linux')) && (!p.cpu || p.cpu.includes('x64')))
      .filter(([, p]) => p.engines?.node && !semver.satisfies(oldest, p.engines.node))
      .map(([name, p]) => `${name} wants ${p.engines!.node}`);
    expect(refusing).toEqual([]);
  });

  it('is the one the README names', () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(readme).toContain(`Needs Node.js ${oldest.replace(/\.0$/, '')}+`);
  });
});
