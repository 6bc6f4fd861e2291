import { type AppError } from '@/lib/errors';

/** The HTTP answer for an AppError: `{ error: { code, message, field? } }`, its status, Retry-After when it has one. */
export function errorResponse(error: AppError): Response {
  const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
  if (error.retryAfter !== undefined) headers['Retry-After'] = String(error.retryAfter);
  return Response.json(
    { error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) } },
    { status: error.status, headers },
  );
}
