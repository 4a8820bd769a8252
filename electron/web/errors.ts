import type { AppError, ErrorCode } from '../../shared/index.ts';

const STATUS: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  unknown_method: 404,
  not_found: 404,
  illegal_action: 409,
  override_required: 409,
  conflict: 409,
  unavailable: 503,
  internal: 500,
};

export const statusOf = (error: AppError): number => STATUS[error.code];
export const errorBody = (error: AppError): { error: AppError } => ({ error });
