import { z } from 'zod';

// The one error type. Domains throw it; the route wrappers (lib/api) map it
// to an HTTP answer in one place (lib/api/errors.ts). It sits below every
// domain, so throwing it makes no domain depend on the HTTP layer.

export const ERROR_STATUS = {
  bad_request: 400,
  validation_error: 400,
  card_number_refused: 400,
  invalid_cursor: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  query_too_slow: 422,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
  internal_error: 500,
} as const;

export type TErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly code: TErrorCode;
  readonly field?: string;
  readonly retryAfter?: number;

  constructor(code: TErrorCode, message: string, options: { field?: string; retryAfter?: number } = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.field = options.field;
    this.retryAfter = options.retryAfter;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** A zod failure as a 400 naming the first field at fault. */
export function validationError(error: z.ZodError, prefix = ''): AppError {
  const issue = error.issues[0];
  const field = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
  const message = field ? `${field}: ${issue.message}` : issue.message;
  return new AppError('validation_error', message, { field: field || undefined });
}

const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'CONNECT_TIMEOUT', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', '57P01', '57P03', '53300']);

/**
 * True when the database itself is unreachable or refusing work (not a bad
 * query). Drizzle and Better Auth wrap the driver's error, so walk the causes.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return hasDatabaseCode(error, (code) => CONNECTION_ERRORS.has(code));
}

/** True when the driver's error, however wrapped, carries a code `test` accepts (PostgreSQL's SQLSTATE or a socket code). */
export function hasDatabaseCode(error: unknown, test: (code: string) => boolean): boolean {
  let e = error as { code?: unknown; cause?: unknown } | null | undefined;
  for (let depth = 0; e && depth < 6; depth++) {
    if (typeof e.code === 'string' && test(e.code)) return true;
    e = e.cause as typeof e;
  }
  return false;
}

/** Anything thrown → an AppError the client may see. Unknown errors keep their details in the log only. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof z.ZodError) return validationError(error);
  if (isDatabaseUnavailable(error)) {
    return new AppError('unavailable', 'The database is unreachable. Try again shortly.', { retryAfter: 5 });
  }
  return new AppError('internal_error', 'Something went wrong on our side. The error has been logged.');
}
