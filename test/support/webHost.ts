import { afterAll } from 'vitest';
import { startWebHost, type WebHost, type WebHostOptions } from '../../electron/web/host.ts';
import { tempDir } from './tmp.ts';

export const OPERATOR = 'test-operator-token';
export const VIEWER = 'test-viewer-token';

export async function testHost(options: { staticDir?: string | null } & Pick<WebHostOptions, 'sourceClient' | 'leaseMs'> = {}): Promise<WebHost> {
  const host = await startWebHost({
    dataDir: tempDir(),
    host: '127.0.0.1',
    port: 0,
    staticDir: options.staticDir ?? null,
    version: 'test',
    operatorToken: OPERATOR,
    viewerToken: VIEWER,
    demo: true,
    simulateEveryMs: 0,
    checkOutputs: true,
    sourceClient: options.sourceClient,
    leaseMs: options.leaseMs,
  });
  afterAll(() => host.close());
  return host;
}

/** What tests read of an answer: the error envelope, or fields of an output. */
export interface Answer {
  error: { code: string; message: string; issues: { path: string; message: string }[]; allowed?: string[] };
  [field: string]: unknown;
}

export async function call(host: WebHost, method: string, input: unknown, token: string | null = OPERATOR): Promise<{ status: number; body: Answer }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${host.url}/api/${method}`, { method: 'POST', headers, body: JSON.stringify(input) });
  return { status: res.status, body: (await res.json()) as Answer };
}
