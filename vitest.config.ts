import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      // Outside Next.js the guard would throw; tests are server-side by nature.
      'server-only': path.resolve(import.meta.dirname, 'lib/testing/empty.ts'),
    },
  },
  test: {
    include: ['lib/**/*.test.ts', 'components/**/*.test.ts', 'agent/**/*.test.ts', 'scripts/**/*.test.ts', 'deploy/**/*.test.ts'],
    // Tests of this machine at rest run on their own, after everything else (npm test's last step).
    // The Citus suite needs a coordinator (HEADROOM_TEST_CITUS_URL); npm test runs it as its own step.
    exclude: ['**/node_modules/**', ...(process.env.HEADROOM_TEST_AT_REST ? [] : ['**/*.at-rest.test.ts']), ...(process.env.HEADROOM_TEST_CITUS ? [] : ['**/*.citus.test.ts'])],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each file opens its own databases; two cores, so two at a time.
    maxWorkers: 2,
    // The tests' own receivers listen on loopback, which channels may not reach unless allowed.
    // A fixed key seals channel secrets on either database; lib/alerts/channels/secrets.test.ts tries others.
    env: { HEADROOM_CHANNEL_ALLOW: '127.0.0.1', HEADROOM_SECRET_KEY: 'dGVzdHMgb25seTogbmV2ZXIgYSByZWFsIHNlY3JldCE=' },
  },
});
