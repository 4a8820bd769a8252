// A stand-in for what sits in front of a Prometheus (an auth proxy, a TLS terminator): records each request
// and answers like Prometheus unless a test says otherwise. Prometheus itself cannot check auth headers.
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { KeyPair } from '../certs.ts';

export interface EchoRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

export interface PrometheusEcho {
  url: string;
  requests: EchoRequest[];
  /** Replaces the Prometheus-like answer; return the reply. */
  reply: ((req: FastifyRequest, reply: FastifyReply) => FastifyReply | Promise<FastifyReply>) | null;
  close(): Promise<void>;
}

const MATRIX = { status: 'success', data: { resultType: 'matrix', result: [{ metric: { region: 'eu' }, values: [[1_700_000_000, '1']] }] } };
const BUILDINFO = { status: 'success', data: { version: '2.99.0-echo', revision: 'x' } };

export async function startPrometheusEcho(options: { tls?: KeyPair } = {}): Promise<PrometheusEcho> {
  // One shape for both: the routes below use nothing that differs between an HTTP and an HTTPS server.
  const app = options.tls ? (Fastify({ https: { key: options.tls.key, cert: options.tls.cert } }) as unknown as FastifyInstance) : Fastify();
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  const echo: PrometheusEcho = { url: '', requests: [], reply: null, close: () => app.close() };
  app.all('/*', async (req, reply) => {
    echo.requests.push({ method: req.method, url: req.url, headers: { ...req.headers }, body: req.body ?? null });
    if (echo.reply) return echo.reply(req, reply);
    if (req.url.startsWith('/api/v1/status/buildinfo')) return reply.send(BUILDINFO);
    if (req.url.startsWith('/api/v1/query_range')) return reply.send(MATRIX);
    return reply.code(404).send('404 page not found');
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  echo.url = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  return echo;
}
