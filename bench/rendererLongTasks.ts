// The Release detail page in Chromium while its charts update once a second: long tasks (> 50 ms)
// observed by the page itself, and the longest one.
import { chromium } from '@playwright/test';
import { startHostProcess } from './hostProcess.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const WATCH_MS = 20_000;

export async function benchRendererLongTasks(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stagegate-bench-ui-'));
  const { url, child: host } = await startHostProcess('scripts/serve.ts', ['--port', '0', '--data-dir', dir, '--simulate-every', '1000'], 'bench');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await page.goto(`${url}/?token=bench`);
    await page.goto(`${url}/#/releases/demo-checkout-api-2026-11`);
    await page.locator('.recharts-line').first().waitFor();
    const result = await page.evaluate(async (watchMs) => {
      const tasks: number[] = [];
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) tasks.push(entry.duration);
      });
      observer.observe({ type: 'longtask', buffered: false });
      let updates = 0;
      const chart = document.querySelector('[data-testid^="chart-"]');
      const mutations = new MutationObserver(() => (updates += 1));
      if (chart) mutations.observe(chart, { subtree: true, childList: true, attributes: true });
      await new Promise((r) => setTimeout(r, watchMs));
      observer.disconnect();
      mutations.disconnect();
      return { tasks, updates };
    }, WATCH_MS);
    const longest = result.tasks.length ? Math.max(...result.tasks) : 0;
    console.log(`Release detail in Chromium, ${WATCH_MS / 1000} s of live updates every second (${result.updates} chart mutations seen):`);
    console.log(`  long tasks > 50 ms: ${result.tasks.length}; longest: ${longest.toFixed(0)} ms (target: none over 50 ms)`);
  } finally {
    await browser.close();
    host.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
