import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEnv } from './env';
import { ENV_END, ENV_START, envTable } from './env-doc';

describe('configuration', () => {
  it('README documents exactly the variables the server validates (npm run docs:env)', () => {
    const readme = readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');
    const section = readme.slice(readme.indexOf(ENV_START) + ENV_START.length, readme.indexOf(ENV_END)).trim();
    expect(section).toBe(envTable());
  });

  it('refuses a bad environment naming the variable', () => {
    expect(() => parseEnv({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => parseEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL: must be a postgres/);
    expect(parseEnv({ HEADROOM_LOCAL_AGENT: '0' }).HEADROOM_LOCAL_AGENT).toBe(false);
  });
});
