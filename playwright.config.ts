import { defineConfig } from '@playwright/test';

/**
 * One end-to-end suite, two targets. CI runs `server-chromium` (server mode in
 * Debian's Chromium); `electron` drives the desktop app where its binary exists.
 */
export default defineConfig({
  testDir: 'e2e',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  outputDir: 'test-results/e2e',
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
  projects: [
    {
      name: 'server-chromium',
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
        },
      },
      metadata: { target: 'server' },
    },
    // Server mode's HTTP API and process are not part of the desktop app; the outputs spec builds its own page in a browser.
    { name: 'electron', metadata: { target: 'electron' }, testIgnore: /(server-mode|notebook-outputs|git|git-branches)\.spec\.ts/ },
  ],
});
