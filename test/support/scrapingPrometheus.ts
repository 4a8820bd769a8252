// A real Prometheus (Debian's) that scrapes live targets, for the demo exporter's tests and the e2e: its own
// config and TSDB in a temporary folder, on a free loopback port. (test/support/prometheus.ts is the backfilled one.)
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './prometheus.ts';

export interface ScrapingPrometheus {
  readonly url: string;
  /** Resolves once the instant query answers at least `series` series (or rejects after `timeoutMs`). */
  waitForSeries(query: string, series: number, timeoutMs?: number): Promise<void>;
  dispose(): Promise<void>;
  output(): string;
}

function binary(name: string): string {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const p = path.join(dir, name);
    if (fs.existsSync(p)) return p;
  }
  throw new Error(`${name} is not installed: run scripts/install-test-deps.sh (Debian package prometheus)`);
}

/** The config text: one job per target (host:port), scraped every `scrapeSeconds`. */
export function scrapeConfig(jobs: Readonly<Record<string, string>>, scrapeSeconds: number): string {
  const lines = ['global:', `  scrape_interval: ${scrapeSeconds}s`, `  evaluation_interval: ${scrapeSeconds}s`, 'scrape_configs:'];
  for (const [job, target] of Object.entries(jobs)) lines.push(`  - job_name: ${job}`, '    static_configs:', `      - targets: ['${target}']`);
  return `${lines.join('\n')}\n`;
}

export async function startScrapingPrometheus(configText: string, readyTimeoutMs = 30_000): Promise<ScrapingPrometheus> {
  const prometheus = binary('prometheus');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stagegate-scrape-'));
  const config = path.join(dir, 'prometheus.yml');
  fs.writeFileSync(config, configText);
  let out = '';
  let child: ChildProcess | null = null;
  let url = '';
  for (let attempt = 0; attempt < 8 && !url; attempt++) {
    const port = await freePort();
    out = '';
    const c = spawn(prometheus, [`--config.file=${config}`, `--storage.tsdb.path=${path.join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = c;
    const keep = (chunk: string): void => void (out = (out + chunk).slice(-64 * 1024));
    c.stdout!.setEncoding('utf8').on('data', keep);
    c.stderr!.setEncoding('utf8').on('data', keep);
    const deadline = Date.now() + readyTimeoutMs;
    while (Date.now() < deadline && c.exitCode === null) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/-/ready`, { signal: AbortSignal.timeout(1000) });
        await res.arrayBuffer();
        if (res.status === 200) {
          url = `http://127.0.0.1:${port}`;
          break;
        }
      } catch {
        // not listening yet
      }
      await sleep(50);
    }
    if (!url && c.exitCode === null) throw new Error(`Prometheus was not ready within ${readyTimeoutMs} ms:\n${out}`);
    if (!url && !/address already in use/i.test(out)) throw new Error(`Prometheus exited before it was ready:\n${out}`);
  }
  if (!url) throw new Error(`Prometheus found no free port:\n${out}`);
  const running = child!;
  const exited = new Promise<void>((resolve) => (running.exitCode !== null ? resolve() : running.once('exit', () => resolve())));
  const killOnExit = (): void => void running.kill('SIGKILL');
  process.once('exit', killOnExit);

  return {
    url,
    output: () => out,
    waitForSeries: async (query, series, timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs;
      let seen = 0;
      while (Date.now() < deadline) {
        const res = await fetch(`${url}/api/v1/query?${new URLSearchParams({ query })}`);
        const body = (await res.json()) as { data?: { result?: unknown[] } };
        seen = body.data?.result?.length ?? 0;
        if (seen >= series) return;
        await sleep(250);
      }
      throw new Error(`${query} answered ${seen} series, not ${series}, within ${timeoutMs} ms:\n${out}`);
    },
    dispose: async () => {
      if (running.exitCode === null && running.signalCode === null) running.kill('SIGTERM');
      await exited;
      process.removeListener('exit', killOnExit);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
