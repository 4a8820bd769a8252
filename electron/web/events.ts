import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Core } from '../core/core.ts';

const KEEPALIVE_MS = 15_000;

/** A server's open streams, so that closing the host ends them instead of leaving browsers believing they are live. */
export type OpenStreams = Set<() => void>;

export function endAllStreams(open: OpenStreams): void {
  for (const end of [...open]) end();
}

/**
 * Server-sent events: one `push` message per core event, and a comment now and then to keep proxies open.
 * `signedIn` is asked before each write: a stream whose token was revoked ends, and its reconnect gets a 401.
 */
export function streamEvents(core: Core, request: FastifyRequest, reply: FastifyReply, open: OpenStreams, signedIn: () => boolean): void {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    'content-security-policy': reply.getHeader('content-security-policy') as string,
    'x-content-type-options': 'nosniff',
  });
  res.write(': connected\n\n');
  const send = (text: string): void => {
    if (signedIn()) res.write(text);
    else end();
  };
  const unsubscribe = core.subscribe((event) => send(`event: push\ndata: ${JSON.stringify(event)}\n\n`));
  const keepAlive = setInterval(() => send(': keep-alive\n\n'), KEEPALIVE_MS);
  keepAlive.unref();
  const end = (): void => {
    clearInterval(keepAlive);
    unsubscribe();
    open.delete(end);
    res.end();
  };
  open.add(end);
  request.raw.on('close', end);
}
