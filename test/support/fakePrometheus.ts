import Fastify from 'fastify';
import type { AddressInfo } from 'node:net';

export interface FakePrometheus {
  url: string;
  /** Requests that carried the right bearer token: proof the stored secret was really used. */
  authorized: () => number;
  close(): Promise<void>;
}

/**
 * Prometheus' buildinfo endpoint behind a bearer token, as a reverse proxy in front of Prometheus puts it:
 * 401 without the token, and — like a careless proxy — the Authorization header echoed back in its answer,
 * so a client that passes answers on would leak the token.
 */
export async function fakePrometheus(token: string): Promise<FakePrometheus> {
  const app = Fastify({ logger: false });
  let authorized = 0;
  app.get('/api/v1/status/buildinfo', async (request, reply) => {
    const auth = request.headers.authorization ?? '';
    if (auth !== `Bearer ${token}`) return reply.code(401).send({ status: 'error', error: `unauthorized: got "${auth}"` });
    authorized += 1;
    return { status: 'success', data: { version: '3.1.0', revision: 'abc', branch: 'HEAD', buildUser: 'root', buildDate: '20250101', goVersion: 'go1.23', seenAuthorization: auth } };
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, authorized: () => authorized, close: () => app.close() };
}
