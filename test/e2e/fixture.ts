// Every spec file gets a web host of its own: a fresh data folder, the demo seeded on a fixed clock
// with a fixed simulator seed, and the browser's clock set to the host's. No spec sees what another
// wrote, none depends on the order files run in, and none on how long ago a shared host started.
import { test as base, expect } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const E2E_TOKEN = 'e2e-operator-token';
export const E2E_VIEWER_TOKEN = 'e2e-viewer-token';
/** A Monday morning, UTC: the demo train's phases and every "today" fall on the same days each run. */
export const DEMO_CLOCK_START = Date.UTC(2026, 10, 23, 9, 30, 0);
export const DEMO_SEED = 20261123;

export interface SpecHost {
  file: string;
  url: string;
  dataDir: string;
  /** The host's now: the fixed start plus the time since the host started (or the real time, see realClock). */
  now(): number;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 30_000;

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

async function startSpecHost(file: string, realClock: boolean): Promise<SpecHost> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `stagegate-e2e-${path.basename(file, '.spec.ts')}-`));
  const clockArgs = realClock ? [] : ['--clock-start', String(DEMO_CLOCK_START)];
  const child = spawn(process.execPath, ['electron/web/main.ts', '--port', '0', '--data-dir', dataDir, '--seed', String(DEMO_SEED), ...clockArgs], {
    env: { ...process.env, STAGEGATE_TOKEN: E2E_TOKEN, STAGEGATE_VIEWER_TOKEN: E2E_VIEWER_TOKEN },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the web host for ${file} did not start within ${START_TIMEOUT_MS / 1000} s:\n${output}`)), START_TIMEOUT_MS);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      // The host says where it listens once it does: the state to wait on, not a delay.
      const found = /Open (http:\/\/[^/\s]+)\//.exec(output);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]!);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the web host for ${file} exited (${code}) before listening:\n${output}`));
    });
  });
  const began = performance.now();
  return {
    file,
    url,
    dataDir,
    now: () => (realClock ? Date.now() : Math.round(DEMO_CLOCK_START + performance.now() - began)),
    stop: async () => {
      child.kill('SIGTERM');
      await exited(child);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const test = base.extend<{ realClock: boolean; host: SpecHost }, { hosts: { current: SpecHost | null } }>({
  /** A spec whose host talks to live outside services (a scraping Prometheus) runs on the real clock. */
  realClock: [false, { option: true }],
  hosts: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from its first parameter's pattern.
    async ({}, use) => {
      const box: { current: SpecHost | null } = { current: null };
      await use(box);
      await box.current?.stop();
    },
    { scope: 'worker' },
  ],
  host: async ({ hosts, realClock }, use, testInfo) => {
    if (hosts.current?.file !== testInfo.file) {
      await hosts.current?.stop();
      hosts.current = null;
      hosts.current = await startSpecHost(testInfo.file, realClock);
    }
    await use(hosts.current);
  },
  baseURL: async ({ host }, use) => use(host.url),
  page: async ({ page, host, realClock }, use) => {
    // The page's clock reads the host's, so "18 min ago" and today's phase agree with what the host wrote.
    if (!realClock) await page.clock.install({ time: host.now() });
    await use(page);
  },
});

export { expect };
