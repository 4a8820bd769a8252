import { parseArgs } from 'node:util';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatabaseFromFutureError } from '../core/errors.ts';
import { resolveDataDir } from '../core/paths.ts';
import { isLoopbackHost } from './auth.ts';
import { startWebHost, type WebHostOptions } from './host.ts';
import { packageVersion } from '../core/version.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const USAGE = `Usage: npm run serve -- [--port N] [--host ADDR] [--data-dir DIR] [--no-demo] [--no-simulator] [--simulate-every MS] [--lease-ms MS] [--seed N] [--clock-start TIME]
  --port       port to listen on (default 7420; 0 picks a free one)
  --host       address to bind (default 127.0.0.1; anything else exposes the console to your network)
  --data-dir   where the SQLite log lives (default: STAGEGATE_DATA_DIR, else the per-user app data folder)
  --simulate-every MS   the built-in simulator's tick (default 2000)
  --lease-ms MS   when several hosts share the data folder, one runs the guard and the simulator; if it dies,
                  another takes over within this (default 15000)
  --seed N        the simulator's random seed: the demo plays the same numbers every run (default: the start time)
  --clock-start TIME   the host's clock starts at TIME (ISO 8601 or epoch ms) and runs at real speed from there:
                  the demo's calendar (train phases, weekdays) is the same every run. For tests and rehearsal.
Environment: STAGEGATE_TOKEN (operator token), STAGEGATE_VIEWER_TOKEN (read-only token).`;

/** What a caller of `main` hands the host besides the command line: the metrics clients of connections. */
export type MainWiring = Pick<WebHostOptions, 'sourceClient'>;

/** A clock that reads `start` now and runs at real speed from there. */
function clockFrom(text: string): () => number {
  const start = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  if (!Number.isFinite(start)) throw new Error(`--clock-start must be an ISO 8601 time or epoch milliseconds, not "${text}"`);
  const began = performance.now();
  return () => Math.round(start + performance.now() - began);
}

export async function main(argv: string[], wiring: MainWiring = {}): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: process.env.STAGEGATE_PORT ?? '7420' },
      host: { type: 'string', default: process.env.STAGEGATE_HOST ?? '127.0.0.1' },
      'data-dir': { type: 'string' },
      'no-demo': { type: 'boolean', default: false },
      'no-simulator': { type: 'boolean', default: false },
      'simulate-every': { type: 'string', default: '2000' },
      'lease-ms': { type: 'string', default: '15000' },
      seed: { type: 'string' },
      'clock-start': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a whole number from 0 to 65535, not "${values.port}"`);
  const tick = Number(values['simulate-every']);
  if (!Number.isInteger(tick) || tick < 100) throw new Error(`--simulate-every must be a whole number of milliseconds ≥ 100, not "${values['simulate-every']}"`);
  const leaseMs = Number(values['lease-ms']);
  if (!Number.isInteger(leaseMs) || leaseMs < 300) throw new Error(`--lease-ms must be a whole number of milliseconds ≥ 300, not "${values['lease-ms']}"`);
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && !Number.isSafeInteger(seed)) throw new Error(`--seed must be a whole number, not "${values.seed}"`);
  const now = values['clock-start'] === undefined ? undefined : clockFrom(values['clock-start']);
  const dataDir = resolveDataDir(values['data-dir']);
  const host = await startWebHost({
    dataDir,
    host: values.host,
    port,
    staticDir: path.join(root, 'dist', 'renderer'),
    version: packageVersion(),
    operatorToken: process.env.STAGEGATE_TOKEN,
    viewerToken: process.env.STAGEGATE_VIEWER_TOKEN,
    demo: !values['no-demo'],
    simulateEveryMs: values['no-simulator'] ? 0 : tick,
    leaseMs,
    simulatorSeed: seed,
    now,
    sourceClient: wiring.sourceClient,
  });
  if (!host.core.chainAtOpen.ok) console.error(`Warning: the event log was altered: ${host.core.chainAtOpen.problem}`);
  if (!isLoopbackHost(values.host)) {
    console.error(`Warning: bound to ${values.host}; anyone who can reach it and holds a token can use the console.`);
  }
  console.log(`Stagegate web host: data in ${dataDir}`);
  if (!host.core.lease.held) {
    console.log(`${host.core.lease.holder()?.owner ?? 'Another Stagegate'} runs the guard and the simulator on this folder; this host takes over if it stops.`);
  }
  console.log(`Open ${host.operatorUrl}`);
  const stop = (): void => {
    void host.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    if (error instanceof DatabaseFromFutureError) console.error(`stagegate: ${error.message}`);
    else console.error(`stagegate: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
