import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fs from 'node:fs';
import { fail } from '../../shared/index.ts';
import type { Core } from '../core/core.ts';
import { hostAllowed, presentedToken, principalFor, sessionCookie, type AuthConfig, type Principal } from './auth.ts';
import { contractListing } from './contractListing.ts';
import { sendError } from './errors.ts';
import { endAllStreams, streamEvents, type OpenStreams } from './events.ts';
import { acceptBareNaN } from './jsonBody.ts';
import { answerFailures, BODY_LIMIT, INGEST_BODY_LIMIT, onClientError, onFrameworkError } from './failures.ts';
import { securityHeaders } from './securityHeaders.ts';

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


function urlToken(rawUrl: string): string | null {
  return new URL(rawUrl, 'http://host').searchParams.get('token');
}

/**
 * Whether the router matched an API route. The rules ask the router rather than read request.url,
 * which is still percent-encoded: /%61pi/decide is routed to /api/:method and must be held to its rules.
 */
function isApi(request: FastifyRequest): boolean {
  return request.routeOptions.url?.startsWith('/api/') ?? false;
}

/** A token in the address is for opening a page only; an API call or an action never takes one from a URL. */
function addressToken(request: FastifyRequest): string | null {
  return (request.method === 'GET' || request.method === 'HEAD') && !isApi(request) ? urlToken(request.url) : null;
}

/** A browser opening a page gets the sign-in page; everything else (scripts, fetches) gets the typed error. */
function wantsPage(request: FastifyRequest): boolean {
  return (request.method === 'GET' || request.method === 'HEAD') && (request.headers.accept ?? '').includes('text/html');
}

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const { core, auth } = options;
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: BODY_LIMIT, frameworkErrors: onFrameworkError, clientErrorHandler: onClientError });
  // Only JSON bodies: a cross-site form can post text/plain or urlencoded, never JSON without CORS.
  app.removeContentTypeParser('text/plain');
  acceptBareNaN(app);
  app.decorateRequest('principal', null);

  app.addHook('onRequest', async (request, reply) => {
    securityHeaders(reply);
    if (!hostAllowed(request.headers.host, options.boundToLoopback)) {
      return sendError(reply, { code: 'forbidden', message: 'This host answers only to loopback names (127.0.0.1, localhost).' });
    }
    // Answers about the rollout are not for caches, shared or not.
    if (isApi(request)) reply.header('cache-control', 'no-store');
    if (request.routeOptions.url === '/healthz') return;
    const token = presentedToken(request) ?? addressToken(request);
    request.principal = token ? principalFor(auth, token) : null;
    if (request.principal) return;
    if (!isApi(request) && wantsPage(request)) return reply.code(401).header('cache-control', 'no-store').type('text/html').send(SIGN_IN_PAGE);
    return sendError(reply, { code: 'unauthorized', message: 'Send a valid token: Authorization: Bearer <token>.' });
  });

  app.get('/healthz', async () => ({ ok: true }));

  // A printed URL carries ?token=…: trade it for an HttpOnly cookie and drop it from the address bar.
  app.addHook('preHandler', async (request: FastifyRequest, reply) => {
    const token = addressToken(request);
    if (!token) return;
    const url = new URL(request.url, 'http://host');
    url.searchParams.delete('token');
    // One leading slash: "//evil.example/" would send the browser to another site.
    return reply.header('set-cookie', sessionCookie(token)).redirect(`/${url.pathname.replace(/^\/+/, '')}${url.search}`, 303);
  });

  app.get('/api/contract', async () => contractListing());
  const streams: OpenStreams = new Set();
  app.get('/api/events', (request, reply) => {
    // Signed in by a header or the cookie (an API route never takes a token from the address).
    const token = presentedToken(request);
    streamEvents(core, request, reply, streams, () => token !== null && principalFor(auth, token) !== null);
  });
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

  answerFailures(app);

  if (options.staticDir && fs.existsSync(options.staticDir)) {
    await app.register(fastifyStatic, { root: options.staticDir, index: 'index.html', cacheControl: false });
  }
  return app;
}
