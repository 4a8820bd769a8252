import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fs from 'node:fs';
import { CONTENT_SECURITY_POLICY, fail, type AppError } from '../../shared/index.ts';
import type { Core } from '../core/core.ts';
import { hostAllowed, presentedToken, principalFor, sessionCookie, type AuthConfig, type Principal } from './auth.ts';
import { contractListing } from './contractListing.ts';
import { errorBody, statusOf } from './errors.ts';
import { endAllStreams, streamEvents, type OpenStreams } from './events.ts';

export interface ServerOptions {
  core: Core;
  auth: AuthConfig;
  /** The built renderer (dist/renderer); without it only the API is served. */
  staticDir: string | null;
  boundToLoopback: boolean;
  logger?: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

const SIGN_IN_PAGE = `<!doctype html><meta charset="utf-8"><title>Stagegate — sign in</title>
<body>
<h1>Stagegate needs a token</h1>
<p>Open the URL the host printed when it started (it ends in <code>?token=…</code>),
or ask an operator for a viewer URL (<code>npm run cli -- token create --role viewer</code>).</p></body>`;

const BODY_LIMIT = 1024 * 1024;
const INGEST_BODY_LIMIT = 16 * 1024 * 1024;

function urlToken(rawUrl: string): string | null {
  return new URL(rawUrl, 'http://host').searchParams.get('token');
}

function sendError(reply: FastifyReply, error: AppError): FastifyReply {
  return reply.code(statusOf(error)).header('cache-control', 'no-store').send(errorBody(error));
}

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const { core, auth } = options;
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: BODY_LIMIT });
  // Only JSON bodies: a cross-site form can post text/plain or urlencoded, never JSON without CORS.
  app.removeContentTypeParser('text/plain');
  app.decorateRequest('principal', null);

  app.addHook('onRequest', async (request, reply) => {
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    if (!hostAllowed(request.headers.host, options.boundToLoopback)) {
      return sendError(reply, { code: 'forbidden', message: 'This host answers only to loopback names (127.0.0.1, localhost).' });
    }
    if (request.url === '/healthz') return;
    const token = presentedToken(request) ?? (request.url.startsWith('/api/') ? null : urlToken(request.url));
    request.principal = token ? principalFor(auth, token) : null;
    if (request.principal) return;
    if (request.url.startsWith('/api/')) {
      return sendError(reply, { code: 'unauthorized', message: 'Send a valid token: Authorization: Bearer <token>.' });
    }
    return reply.code(401).type('text/html').send(SIGN_IN_PAGE);
  });

  app.get('/healthz', async () => ({ ok: true }));

  // A printed URL carries ?token=…: trade it for an HttpOnly cookie and drop it from the address bar.
  app.addHook('preHandler', async (request: FastifyRequest, reply) => {
    if (request.method !== 'GET' || request.url.startsWith('/api/')) return;
    const token = urlToken(request.url);
    if (!token) return;
    const url = new URL(request.url, 'http://host');
    url.searchParams.delete('token');
    return reply.header('set-cookie', sessionCookie(token)).redirect(`${url.pathname}${url.search}${url.hash}`, 303);
  });

  app.get('/api/contract', async () => contractListing());
  const streams: OpenStreams = new Set();
  app.get('/api/events', (request, reply) => streamEvents(core, request, reply, streams));
  app.addHook('preClose', async () => endAllStreams(streams));

  const invoke = async (method: string, request: FastifyRequest, reply: FastifyReply) => {
    const principal = request.principal!;
    const result = await core.invoke(method, request.body ?? {}, { actor: principal.actor, role: principal.role });
    if (!result.ok) return sendError(reply, result.error);
    return reply.header('cache-control', 'no-store').send(result.value);
  };
  app.post('/api/:method', async (request, reply) => invoke((request.params as { method: string }).method, request, reply));
  // A batch of samples (up to 50,000 rows) is larger than any other input.
  app.post('/api/ingestSamples', { bodyLimit: INGEST_BODY_LIMIT }, async (request, reply) => invoke('ingestSamples', request, reply));

  app.all('/api/*', async (request, reply) =>
    sendError(reply, fail('unknown_method', `No ${request.method} ${request.url.split('?')[0]}; methods are POST /api/<method>.`).error),
  );

  app.setErrorHandler((error: { statusCode?: number; message: string }, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status === 415) return sendError(reply, { code: 'invalid_input', message: 'Send the input as JSON (content-type: application/json).' });
    if (status === 400) return sendError(reply, { code: 'invalid_input', message: `The body is not valid JSON: ${error.message}` });
    if (status === 413) {
      const limit = request.url.startsWith('/api/ingestSamples') ? INGEST_BODY_LIMIT : BODY_LIMIT;
      return sendError(reply, { code: 'invalid_input', message: `The body is larger than ${limit / (1024 * 1024)} MiB.` });
    }
    app.log.error(error);
    return sendError(reply, { code: 'internal', message: 'The host failed to answer; nothing was changed.' });
  });

  if (options.staticDir && fs.existsSync(options.staticDir)) {
    await app.register(fastifyStatic, { root: options.staticDir, index: 'index.html', cacheControl: false });
  }
  return app;
}
