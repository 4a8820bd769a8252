import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { createCore, type Core, type SourceClientFactory } from '../core/core.ts';
import { newToken } from '../core/tokens/value.ts';
import { isLoopbackHost } from './auth.ts';
import { buildServer } from './server.ts';

export interface WebHostOptions {
  dataDir: string;
  host: string;
  port: number;
  staticDir: string | null;
  version: string;
  operatorToken?: string | undefined;
  viewerToken?: string | undefined;
  demo?: boolean;
  simulateEveryMs?: number;
  simulatorSeed?: number | undefined;
  /** The host's clock (the end-to-end tests start it at a fixed instant); the system's by default. */
  now?: (() => number) | undefined;
  checkOutputs?: boolean;
  /** How long this host's hold on the guard and simulator lasts without renewal (see electron/core/lease.ts). */
  leaseMs?: number | undefined;
  /** Builds the metrics client of a connection; without one, "Test connection" says this build has none. */
  sourceClient?: SourceClientFactory | undefined;
}

export interface WebHost {
  core: Core;
  server: FastifyInstance;
  /** Base URL without a token. */
  url: string;
  operatorToken: string;
  /** The URL to open: it signs the browser in as operator. */
  operatorUrl: string;
  close(): Promise<void>;
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const core = createCore({
    dataDir: options.dataDir,
    version: options.version,
    demo: options.demo ?? true,
    simulateEveryMs: options.simulateEveryMs ?? 2000,
    ...(options.simulatorSeed === undefined ? {} : { simulatorSeed: options.simulatorSeed }),
    ...(options.now ? { now: options.now } : {}),
    checkOutputs: options.checkOutputs ?? false,
    hostLabel: 'web host',
    ...(options.leaseMs ? { lease: { ttlMs: options.leaseMs } } : {}),
    // No secretStore: the web host seals connection secrets with the data folder's key file.
    ...(options.sourceClient ? { sourceClient: options.sourceClient } : {}),
  });
  // Generated per start and kept in memory only: no operator secret is ever written to disk.
  const operatorToken = options.operatorToken || newToken();
  try {
    const server = await buildServer({
      core,
      auth: { tokens: core.tokens, operatorToken, viewerToken: options.viewerToken || null },
      staticDir: options.staticDir,
      boundToLoopback: isLoopbackHost(options.host),
    });
    await server.listen({ host: options.host, port: options.port });
    const address = server.server.address() as AddressInfo;
    const hostName = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const url = `http://${hostName}:${address.port}`;
    return {
      core,
      server,
      url,
      operatorToken,
      operatorUrl: `${url}/?token=${encodeURIComponent(operatorToken)}`,
      close: async () => {
        await server.close();
        core.close();
      },
    };
  } catch (error) {
    core.close();
    throw error;
  }
}
