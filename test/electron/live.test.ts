import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronRuntime } from '../../scripts/electron-runtime.ts';
import { methodNames, type StagegateClient } from '../../shared/index.ts';

const repo = path.resolve(import.meta.dirname, '../..');
const runtime = electronRuntime(repo);
if (!runtime) console.warn('Electron runtime not installed: the live-window test did not run');

describe('the desktop app, live', () => {
  it.skipIf(!runtime)(
    "opens one sandboxed window that reaches the core only through window.stagegate (needs Electron's runtime)",
    async () => {
      execFileSync('npm', ['run', 'build'], { cwd: repo, stdio: 'inherit', shell: process.platform === 'win32' });
      const { _electron } = await import('@playwright/test');
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stagegate-live-'));
      // Chromium refuses to start its OS sandbox as root (CI containers); the JS-side sandbox still applies.
      const rootOnly = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
      const app = await _electron.launch({ executablePath: runtime!, args: [...rootOnly, repo, `--data-dir=${dataDir}`], cwd: repo });
      try {
        const page = await app.firstWindow();
        await page.waitForFunction(() => 'stagegate' in window);
        const seen = await page.evaluate(async () => {
          const w = window as unknown as Record<string, unknown> & { stagegate: StagegateClient };
          return { keys: Object.keys(w.stagegate).sort(), require: typeof w.require, process: typeof w.process, info: await w.stagegate.getInfo({}) };
        });
        expect(seen.keys).toEqual([...methodNames, 'subscribe'].sort());
        expect(seen.require).toBe('undefined');
        expect(seen.process).toBe('undefined');
        expect(seen.info).toMatchObject({ ok: true, value: { role: 'operator', dataDir } });
        await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.isVisible()))).toEqual([true]);

        const before = page.url();
        await page.evaluate(() => window.location.assign('https://evil.example/'));
        await expect.poll(() => page.url()).toBe(before);
      } finally {
        await app.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    },
    180_000,
  );
});
