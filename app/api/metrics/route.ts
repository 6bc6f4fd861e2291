import { createHash, timingSafeEqual } from 'node:crypto';
import { handle, requestLogger, requireSession } from '@/lib/api/context';
import { AppError } from '@/lib/errors';
import { env } from '@/lib/env';
import { renderPrometheus } from '@/lib/realtime/prometheus';

export const dynamic = 'force-dynamic';

// SECURITY: compares SHA-256 digests, so both buffers have the same length
// and neither the token nor its length leaks through timing.
function sameToken(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** A scraper with the METRICS_TOKEN bearer, or a platform admin's session; 401/403 otherwise. */
async function authorizeScrape(req: Request): Promise<void> {
  const bearer = req.headers.get('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (bearer !== undefined) {
    const token = env().METRICS_TOKEN;
    if (token && sameToken(bearer, token)) return;
    throw new AppError('unauthorized', token ? 'Invalid metrics token.' : 'Bearer tokens are off: METRICS_TOKEN is not set on this server. Sign in as a platform admin instead.');
  }
  const session = await requireSession(req);
  if ((session.user as { role?: string | null }).role !== 'admin') {
    throw new AppError('forbidden', 'Only platform admins (ADMIN_EMAILS) or a METRICS_TOKEN bearer can read metrics.');
  }
}

// GET /api/metrics – this instance's live-connection metrics in Prometheus text format
export async function GET(req: Request): Promise<Response> {
  const { log } = requestLogger(req);
  return handle(log, async () => {
    await authorizeScrape(req);
    const { contentType, body } = await renderPrometheus();
    return new Response(body, { headers: { 'Content-Type': contentType, 'Cache-Control': 'no-store' } });
  });
}
