import type { FastifyReply } from 'fastify';
import type { AppError, ErrorCode } from '../../shared/index.ts';

const STATUS: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  unknown_method: 404,
  not_found: 404,
  illegal_action: 409,
  override_required: 409,
  preflight_failed: 409,
  conflict: 409,
  unavailable: 503,
  internal: 500,
};

export const statusOf = (error: AppError): number => STATUS[error.code];
export const errorBody = (error: AppError): { error: AppError } => ({ error });

/** Every error the host answers goes out here, in the one typed shape, never cached. */
export function sendError(reply: FastifyReply, error: AppError): FastifyReply {
  return reply.code(statusOf(error)).header('cache-control', 'no-store').type('application/json; charset=utf-8').send(errorBody(error));
}

/** The typed error for a failure that Fastify or a plugin reports only as an HTTP status; `request` is "METHOD /path". */
export function errorOfStatus(status: number, request: string): AppError {
  if (status === 404 || status === 405) return { code: 'not_found', message: `Nothing answers ${request}: the console is GET / and the API is POST /api/<method>.` };
  if (status === 401) return { code: 'unauthorized', message: 'Send a valid token: Authorization: Bearer <token>.' };
  if (status === 403) return { code: 'forbidden', message: `${request} is not served.` };
  if (status >= 400 && status < 500) return { code: 'invalid_input', message: `${request} cannot be answered (HTTP ${status}).` };
  return { code: 'internal', message: 'The host failed to answer; nothing was changed.' };
}
