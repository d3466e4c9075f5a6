import { defineConfig } from '@playwright/test';

export default defineConfig({ testDir: import.meta.dirname, testMatch: 'playwright.fixture.ts', retries: 1, workers: 1 });
