import type { FastifyReply } from 'fastify';
import { CONTENT_SECURITY_POLICY } from '../../shared/index.ts';

/** Set on every answer, including the ones Fastify makes before any hook runs (a malformed address). */
export function securityHeaders(reply: FastifyReply): void {
  reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'no-referrer');
  reply.header('x-frame-options', 'DENY');
}
