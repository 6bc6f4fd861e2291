import { defineConfig } from '@playwright/test';

// Runs against the server scripts/test.ts starts (ORYLO_BASE_URL), in Debian's
// Chromium: Playwright's own browser download is not available everywhere.
export default defineConfig({
  testDir: './e2e',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: process.env.PLAYWRIGHT_JSON ?? '.data/test-results/playwright.json' }]],
  use: {
    baseURL: process.env.ORYLO_BASE_URL ?? 'http://127.0.0.1:3000',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  outputDir: '.data/test-results/playwright',
});
