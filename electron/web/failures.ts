import type { ConnectionError, FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import http from 'node:http';
import type { Socket } from 'node:net';
import { errorBody, errorOfStatus, sendError } from './errors.ts';
import { BodyRefused } from './jsonBody.ts';
import { securityHeaders } from './securityHeaders.ts';

/** A request as "METHOD /path", without its query (which may hold a token), short enough to quote back. */
const requestLine = (request: FastifyRequest): string => `${request.method} ${request.url.split('?')[0]!.slice(0, 200)}`;

/** Fastify's `frameworkErrors`: an address whose percent-encoding is not UTF-8 is refused before any route or hook. */
export function onFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  securityHeaders(reply);
  if (error.code === 'FST_ERR_BAD_URL') {
    void sendError(reply, { code: 'invalid_input', message: 'The address is not valid: one of its %-escapes is not UTF-8.' });
  } else {
    void sendError(reply, errorOfStatus(500, requestLine(request)));
  }
}

const CLIENT_ERROR: Record<string, [number, string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'The request took too long to arrive.'],
  HPE_HEADER_OVERFLOW: [431, 'The request headers are too large.'],
};

/** Fastify's `clientErrorHandler`: a request HTTP itself cannot parse still gets the typed shape, then the connection closes. */
export function onClientError(error: ConnectionError, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, message] = CLIENT_ERROR[error.code ?? ''] ?? [400, 'The request is not valid HTTP.'];
  const body = JSON.stringify(errorBody({ code: 'invalid_input', message }));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

/**
 * Request bodies: 1 MiB, and 48 MiB for a batch of samples: the most rows a call takes, each with
 * labels at their longest (≈ 560 bytes as JSON), come to ≈ 27 MiB, which 16 MiB had refused.
 */
export const BODY_LIMIT = 1024 * 1024;
export const INGEST_BODY_LIMIT = 48 * 1024 * 1024;

/** A body Fastify could not read: not JSON, empty, or with a content-length that lies. */
const isBodyError = (error: FastifyError): boolean => error instanceof SyntaxError || (error.code?.startsWith('FST_ERR_CTP_') ?? false);

/** Errors thrown by routes, body parsing and plugins (the static files' 403s and 404s among them), and unknown paths. */
export function answerFailures(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status === 415) return sendError(reply, { code: 'invalid_input', message: 'Send the input as JSON (content-type: application/json).' });
    if (status === 413) {
      // The route's own limit: /api/ingestSamples/ (a trailing slash) is another path, held to the default.
      const limit = request.url.split('?')[0] === '/api/ingestSamples' ? INGEST_BODY_LIMIT : BODY_LIMIT;
      return sendError(reply, { code: 'invalid_input', message: `The body is larger than ${limit / (1024 * 1024)} MiB.` });
    }
    if (error instanceof BodyRefused) return sendError(reply, { code: 'invalid_input', message: error.message });
    if (status === 400 && isBodyError(error)) return sendError(reply, { code: 'invalid_input', message: `The body is not valid JSON: ${error.message}` });
    if (status >= 500) app.log.error(error);
    return sendError(reply, errorOfStatus(status, requestLine(request)));
  });
  app.setNotFoundHandler((request, reply) => sendError(reply, errorOfStatus(404, requestLine(request))));
}
