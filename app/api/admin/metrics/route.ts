import { handle, requestLogger, requireSession } from '@/lib/api/context';
import { AppError } from '@/lib/errors';
import { env } from '@/lib/env';
import { topStreamUsers } from '@/lib/realtime/limits';
import { realtimeMetrics } from '@/lib/realtime/metrics';

export const dynamic = 'force-dynamic';

// GET /api/admin/metrics – live-connection health of this instance (platform admins)
export async function GET(req: Request): Promise<Response> {
  const { log } = requestLogger(req);
  return handle(log, async () => {
    const session = await requireSession(req);
    if ((session.user as { role?: string | null }).role !== 'admin') {
      throw new AppError('forbidden', 'Only platform admins (ADMIN_EMAILS) can read metrics.');
    }
    const mem = process.memoryUsage();
    return Response.json(
      {
        sse: { strategy: env().REALTIME_STRATEGY, ...realtimeMetrics.snapshot(), topUsers: topStreamUsers() },
        process: { uptimeSeconds: Math.round(process.uptime()), rssBytes: mem.rss, heapUsedBytes: mem.heapUsed, heapTotalBytes: mem.heapTotal, externalBytes: mem.external },
        generatedAt: new Date().toISOString(),
      },
      { headers: { 'Cache-Control': 'no-store' } },
    );
  });
}
