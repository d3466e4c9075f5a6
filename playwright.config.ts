import { defineConfig } from '@playwright/test';

// Debian's Chromium, never a downloaded browser; flags keep it off the network.
const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};

// HEADROOM_E2E_PORT_BASE moves both servers, so two checkouts can run their browser tests at once.
const base = Number(process.env.HEADROOM_E2E_PORT_BASE ?? 3931);
const servers = { embedded: base, postgres: base + 1 } as const;

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  reporter: [['list']],
  use: { launchOptions: chromium, trace: 'retain-on-failure', screenshot: 'only-on-failure' },
  // Per server: a setup project creates the first admin through the UI and saves the session.
  projects: Object.entries(servers).flatMap(([name, port]) => [
    { name: `setup-${name}`, testMatch: /auth\.setup\.ts/, use: { baseURL: `http://127.0.0.1:${port}` } },
    {
      name,
      dependencies: [`setup-${name}`],
      use: { baseURL: `http://127.0.0.1:${port}`, storageState: `e2e/.state/auth-${port}.json` },
    },
  ]),
  webServer: Object.entries(servers).map(([mode, port]) => ({
    command: `node e2e/serve.mjs ${mode} ${port}`,
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'ignore' as const,
    stderr: 'pipe' as const,
  })),
});
