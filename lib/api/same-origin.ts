import { appOrigins } from '@/lib/env';
import { AppError } from '@/lib/errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * SECURITY: a cookie-authenticated write must come from the app's own pages.
 * Browsers say where a request comes from: `Sec-Fetch-Site` (same-origin or
 * not) and `Origin`; a cross-site form or fetch riding the user's cookie is
 * refused, whatever SameSite the cookie has. A client with neither header
 * (a script holding a session cookie) must send `Origin`, as Better Auth
 * already requires for its own writes.
 */
export function throwUnlessSameOrigin(req: Request): void {
  if (SAFE_METHODS.has(req.method)) return;
  const site = req.headers.get('sec-fetch-site');
  if (site !== null) {
    if (site === 'same-origin') return;
    throw new AppError('forbidden', 'Cross-site request refused: changes can only be made from Orylo\'s own pages.');
  }
  const origin = req.headers.get('origin');
  if (origin !== null && appOrigins().includes(origin)) return;
  throw new AppError(
    'forbidden',
    origin === null
      ? 'Send an Origin header naming this server with cookie-authenticated changes (browsers do it by themselves).'
      : `Requests from ${origin} may not make changes here.`,
  );
}
