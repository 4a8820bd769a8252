// A real Prometheus (Debian's `prometheus` and `promtool`, installed by scripts/install-test-deps.sh) over a TSDB
// backfilled from OpenMetrics, on a free loopback port, in its own temporary folder.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { renderOpenMetrics, type MetricFamily } from './openMetrics.ts';

const run = promisify(execFile);
const HOUR_MS = 3_600_000;
/** Backfilled samples must be older than Prometheus' head block (the last 3 hours, APIS.md §3): this much, with a margin. */
export const BACKFILL_AGE_MS = 3 * HOUR_MS + 15 * 60_000;

export interface PrometheusHarness {
  /** http://127.0.0.1:<port>, the same across restarts. */
  readonly url: string;
  readonly dataDir: string;
  /** SIGTERM, then resolves once the process has exited; the TSDB stays for restart(). */
  stop(): Promise<void>;
  /** Stops it (if running) and starts it again on the same port and TSDB; resolves once it is ready. */
  restart(): Promise<void>;
  /** Stops it and removes its folder. */
  dispose(): Promise<void>;
  running(): boolean;
  /** What Prometheus printed, for failure messages. */
  output(): string;
}

export interface StartOptions {
  /** Rendered with renderOpenMetrics; every sample must be older than BACKFILL_AGE_MS. */
  families: readonly MetricFamily[];
  /** An OpenMetrics file written elsewhere (the demo exporter's recording), backfilled as it is after the families' one; the same age rule. */
  openMetrics?: string;
  readyTimeoutMs?: number;
  /** "now" for the age check. */
  now?: number;
}

function binary(name: string): string {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const p = path.join(dir, name);
    if (fs.existsSync(p)) return p;
  }
  throw new Error(`${name} is not installed: run scripts/install-test-deps.sh (Debian package prometheus)`);
}

/** A port nothing listens on right now. Another process may take it before Prometheus binds it: start() retries. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function newestSample(families: readonly MetricFamily[]): number {
  let newest = -Infinity;
  for (const f of families) {
    for (const s of f.series) for (const p of s.points) newest = Math.max(newest, 't' in p ? p.t : p[0]);
  }
  return newest;
}

/** The newest timestamp (float seconds, last field of a sample line) of an OpenMetrics text, in ms. */
function newestInText(text: string): number {
  let newest = -Infinity;
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const t = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (Number.isFinite(t)) newest = Math.max(newest, t * 1000);
  }
  return newest;
}

/** Writes the OpenMetrics file, backfills it with promtool, starts Prometheus over it, resolves once /-/ready answers 200. */
export async function startPrometheus(options: StartOptions): Promise<PrometheusHarness> {
  const prometheus = binary('prometheus');
  const promtool = binary('promtool');
  const now = options.now ?? Date.now();
  const newest = Math.max(newestSample(options.families), options.openMetrics ? newestInText(options.openMetrics) : -Infinity);
  if (newest > now - BACKFILL_AGE_MS) {
    throw new Error(`backfilled samples must be older than ${BACKFILL_AGE_MS / 60_000} min (Prometheus' head block); the newest is ${Math.round((now - newest) / 60_000)} min old`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stagegate-prometheus-'));
  const dataDir = path.join(dir, 'data');
  const omFile = path.join(dir, 'samples.om');
  const config = path.join(dir, 'prometheus.yml');
  fs.writeFileSync(omFile, renderOpenMetrics(options.families));
  // Nothing to scrape: every sample is backfilled, so a test's data stays exactly what it wrote.
  fs.writeFileSync(config, 'global:\n  scrape_interval: 1h\nscrape_configs: []\n');
  const rawFile = path.join(dir, 'recording.om');
  if (options.openMetrics) fs.writeFileSync(rawFile, options.openMetrics);
  try {
    if (options.families.length > 0 || !options.openMetrics) await run(promtool, ['tsdb', 'create-blocks-from', 'openmetrics', omFile, dataDir], { cwd: dir, maxBuffer: 16 * 1024 * 1024 });
    if (options.openMetrics) await run(promtool, ['tsdb', 'create-blocks-from', 'openmetrics', rawFile, dataDir], { cwd: dir, maxBuffer: 16 * 1024 * 1024 });
  } catch (err) {
    const e = err as { stderr?: string; stdout?: string; message: string };
    throw new Error(`promtool could not backfill: ${e.stderr || e.stdout || e.message}`, { cause: err });
  }

  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  let out = '';
  let port = 0;
  const readyTimeout = options.readyTimeoutMs ?? 30_000;
  const killOnExit = (): void => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  const spawnOn = (p: number): ChildProcess => {
    const c = spawn(
      prometheus,
      [
        `--config.file=${config}`,
        `--storage.tsdb.path=${dataDir}`,
        // Retention counts from the newest sample, but a generous one keeps old backfills from being cut.
        '--storage.tsdb.retention.time=100y',
        `--web.listen-address=127.0.0.1:${p}`,
        '--log.level=warn',
      ],
      { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const keep = (chunk: string): void => {
      out = (out + chunk).slice(-64 * 1024);
    };
    c.stdout!.setEncoding('utf8').on('data', keep);
    c.stderr!.setEncoding('utf8').on('data', keep);
    return c;
  };

  /** Polls /-/ready until 200, or until the process exits (a taken port, a bad flag). */
  const waitReady = async (c: ChildProcess, url: string, done: Promise<void>): Promise<'ready' | 'exited'> => {
    let gone = false;
    void done.then(() => (gone = true));
    const deadline = Date.now() + readyTimeout;
    while (Date.now() < deadline) {
      if (gone || c.exitCode !== null) return 'exited';
      try {
        const res = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(1000) });
        await res.arrayBuffer();
        if (res.status === 200) return 'ready';
      } catch {
        // not listening yet
      }
      await sleep(25);
    }
    throw new Error(`Prometheus was not ready within ${readyTimeout} ms:\n${out}`);
  };

  const launch = async (fixedPort: number | null): Promise<void> => {
    for (let attempt = 0; attempt < 8; attempt++) {
      const p = fixedPort ?? (await freePort());
      out = '';
      const c = spawnOn(p);
      const done = new Promise<void>((resolve) => c.once('exit', () => resolve()));
      child = c;
      exited = done;
      const state = await waitReady(c, `http://127.0.0.1:${p}`, done);
      if (state === 'ready') {
        port = p;
        return;
      }
      if (!/address already in use/i.test(out)) throw new Error(`Prometheus exited before it was ready:\n${out}`);
      // Taken between freePort() and the bind, or (a restart) still held by a process going away: try again.
      if (fixedPort !== null) await sleep(100);
    }
    throw new Error(`Prometheus found no free port after several tries:\n${out}`);
  };

  await launch(null);
  const url = `http://127.0.0.1:${port}`;

  const stop = async (): Promise<void> => {
    const c = child;
    if (c && c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
    await exited;
  };

  return {
    url,
    dataDir,
    stop,
    dispose: async () => {
      await stop();
      process.removeListener('exit', killOnExit);
      fs.rmSync(dir, { recursive: true, force: true });
    },
    restart: async () => {
      await stop();
      await launch(port);
    },
    running: () => child !== null && child.exitCode === null && child.signalCode === null,
    output: () => out,
  };
}
