// `npm run demo:exporter`: a tiny Prometheus exporter for the demo. It serves /metrics in the text exposition
// format for an app `checkout` with a canary and a baseline version in three regions, counters moving with the
// clock. `--regress eu-west` (or STAGEGATE_DEMO_REGRESS=eu-west) makes that region's canary regress;
// POST /regress?region=eu-west switches it while running, POST /regress clears it.
// `--write-openmetrics FILE` writes a recording for `promtool tsdb create-blocks-from openmetrics` instead.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createDemoMetrics, DEMO_DEFAULTS, DEMO_REGIONS, demoOpenMetrics, type DemoOptions, type DemoRegion } from './demoMetrics.ts';

export const DEFAULT_PORT = 9470;
export const CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export interface Exporter {
  /** http://host:port */
  url: string;
  close(): Promise<void>;
}

function regionOf(value: string | undefined | null): DemoRegion | null {
  if (value === undefined || value === null || value === '') return null;
  if ((DEMO_REGIONS as readonly string[]).includes(value)) return value as DemoRegion;
  throw new Error(`no region "${value}": one of ${DEMO_REGIONS.join(', ')}`);
}

export async function startExporter(options: Partial<DemoOptions> & { port?: number; host?: string; now?: () => number } = {}): Promise<Exporter> {
  const now = options.now ?? Date.now;
  const metrics = createDemoMetrics(options, now());
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://exporter');
    if (url.pathname === '/metrics' && (req.method === 'GET' || req.method === 'HEAD')) {
      metrics.advance(now());
      res.writeHead(200, { 'content-type': CONTENT_TYPE });
      res.end(req.method === 'HEAD' ? undefined : metrics.render());
      return;
    }
    if (url.pathname === '/regress' && req.method === 'POST') {
      let region: DemoRegion | null;
      try {
        region = regionOf(url.searchParams.get('region'));
      } catch (error) {
        res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(`${(error as Error).message}\n`);
        return;
      }
      // The counters keep what they counted at the old rates; the new ones apply from now on.
      metrics.advance(now());
      metrics.setRegress(region);
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(region ? `the canary regresses in ${region} from now on\n` : 'no region regresses from now on\n');
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Stagegate demo exporter: GET /metrics, POST /regress?region=eu-west\n');
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://${host}:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const HELP = `Usage: npm run demo:exporter -- [options]

  --port N               listen on N (default ${DEFAULT_PORT}; 0 for any free port)
  --host ADDR            bind to ADDR (default 127.0.0.1)
  --app NAME             the app label (default ${DEMO_DEFAULTS.app})
  --canary VERSION       the canary's version label (default ${DEMO_DEFAULTS.canary})
  --baseline VERSION     the baseline's version label (default ${DEMO_DEFAULTS.baseline})
  --canary-share X       the canary's share of the traffic, 0–1 (default ${DEMO_DEFAULTS.canaryShare})
  --regress REGION       the canary regresses in REGION (${DEMO_REGIONS.join(', ')}); also STAGEGATE_DEMO_REGRESS
  --write-openmetrics F  write a recording to F for promtool backfill instead of serving, then exit
  --hours N              hours in that recording (default 6), ending 3 h 15 min ago (before Prometheus' head block)
  --help                 this text

While it runs: curl -X POST 'http://127.0.0.1:${DEFAULT_PORT}/regress?region=eu-west' starts a regression, curl -X POST http://127.0.0.1:${DEFAULT_PORT}/regress ends it.`;

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      app: { type: 'string' },
      canary: { type: 'string' },
      baseline: { type: 'string' },
      'canary-share': { type: 'string' },
      regress: { type: 'string' },
      'write-openmetrics': { type: 'string' },
      hours: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const options: Partial<DemoOptions> = {
    ...(values.app ? { app: values.app } : {}),
    ...(values.canary ? { canary: values.canary } : {}),
    ...(values.baseline ? { baseline: values.baseline } : {}),
    ...(values['canary-share'] ? { canaryShare: Number(values['canary-share']) } : {}),
    regress: regionOf(values.regress ?? process.env.STAGEGATE_DEMO_REGRESS),
  };
  if (values['write-openmetrics']) {
    const hours = Number(values.hours ?? 6);
    if (!(hours > 0 && hours <= 24 * 14)) throw new Error(`--hours is a number of hours up to two weeks (got ${values.hours})`);
    const end = Date.now() - (3 * 60 + 15) * 60_000;
    fs.writeFileSync(values['write-openmetrics'], demoOpenMetrics(options, end, hours));
    console.log(`Wrote ${hours} h of 15 s samples to ${values['write-openmetrics']}. Load it with:
  promtool tsdb create-blocks-from openmetrics ${values['write-openmetrics']} /tmp/stagegate-prom`);
    return;
  }
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port is a port number (got ${values.port})`);
  const exporter = await startExporter({ ...options, port, ...(values.host ? { host: values.host } : {}) });
  const v = { ...DEMO_DEFAULTS, ...options };
  console.log(`Demo exporter for app "${v.app}" (canary ${v.canary}, baseline ${v.baseline}) at ${exporter.url}/metrics`);
  console.log(v.regress ? `The canary regresses in ${v.regress}.` : `No region regresses; POST ${exporter.url}/regress?region=eu-west to start one.`);
  const stop = (): void => void exporter.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(`demo exporter: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
