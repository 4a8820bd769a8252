import { defineConfig } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const port = Number(process.env.E2E_PORT ?? 7499);
export const E2E_TOKEN = process.env.E2E_TOKEN ?? 'e2e-operator-token';
export const E2E_VIEWER_TOKEN = process.env.E2E_VIEWER_TOKEN ?? 'e2e-viewer-token';
// Set once in the runner; workers inherit the environment, so all agree on one fresh folder.
process.env.E2E_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'stagegate-e2e-'));

export default defineConfig({
  testDir: 'test/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    trace: 'retain-on-failure',
    launchOptions: {
      // Debian's Chromium: Playwright's own browser download cannot work on these machines.
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    },
  },
  webServer: {
    command: `node electron/web/main.ts --port ${port} --data-dir ${process.env.E2E_DATA_DIR}`,
    url: `http://127.0.0.1:${port}/healthz`,
    env: { STAGEGATE_TOKEN: E2E_TOKEN, STAGEGATE_VIEWER_TOKEN: E2E_VIEWER_TOKEN },
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: 'pipe',
  },
});
