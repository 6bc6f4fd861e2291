import { createHash, timingSafeEqual } from 'node:crypto';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { clientIp } from '@/lib/net/client-ip';
import { handle, requestLogger, requireAdmin } from './context';
import { readInput, type TInputOptions, type TNextContext, type TRouteContext } from './input';

function route<TQuery, TParams, TBody>(
  authorize: (req: Request) => Promise<void>,
  handler: (ctx: TRouteContext<TQuery, TParams, TBody>) => Promise<Response>,
  options: TInputOptions<TQuery, TParams, TBody>,
) {
  return async (req: Request, nextCtx?: TNextContext): Promise<Response> => {
    const { log } = requestLogger(req);
    return handle(log, async () => {
      await authorize(req);
      const input = await readInput(req, nextCtx, options);
      return handler({ ...input, req, ip: clientIp(req), log });
    });
  };
}

/** A route anyone may call (health checks): logging, input parsing and error mapping only. */
export function withPublic<TQuery = undefined, TParams = undefined, TBody = undefined>(
  handler: (ctx: TRouteContext<TQuery, TParams, TBody>) => Promise<Response>,
  options: TInputOptions<TQuery, TParams, TBody> = {},
) {
  return route(async () => {}, handler, options);
}

// SECURITY: compares SHA-256 digests, so both buffers have the same length
// and neither the token nor its length leaks through timing.
function sameToken(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** A METRICS_TOKEN bearer, when one is sent: true if it is right, 401 if not; false when none was sent. */
function metricsBearer(req: Request): boolean {
  const bearer = req.headers.get('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (bearer === undefined) return false;
  const token = env().METRICS_TOKEN;
  if (token && sameToken(bearer, token)) return true;
  throw new AppError('unauthorized', token ? 'Invalid metrics token.' : 'Bearer tokens are off: METRICS_TOKEN is not set on this server. Sign in as a platform admin instead.');
}

/**
 * Platform-admin routes (ADMIN_EMAILS): a session whose user has the admin
 * role, or 401/403. With `metricsToken`, a METRICS_TOKEN bearer is let in
 * too (a Prometheus scraper has no session).
 */
export function withAdmin<TQuery = undefined, TParams = undefined, TBody = undefined>(
  handler: (ctx: TRouteContext<TQuery, TParams, TBody>) => Promise<Response>,
  options: TInputOptions<TQuery, TParams, TBody> & { metricsToken?: boolean } = {},
) {
  const authorize = async (req: Request) => {
    if (options.metricsToken && metricsBearer(req)) return;
    await requireAdmin(
      req,
      options.metricsToken ? 'Only platform admins (ADMIN_EMAILS) or a METRICS_TOKEN bearer can read metrics.' : 'Only platform admins (ADMIN_EMAILS) can read metrics.',
    );
  };
  return route(authorize, handler, options);
}
