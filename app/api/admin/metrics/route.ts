import { withAdmin } from '@/lib/api/with-session';
import { env } from '@/lib/env';
import { topStreamUsers } from '@/lib/realtime/limits';
import { realtimeMetrics } from '@/lib/realtime/metrics';

export const dynamic = 'force-dynamic';

// GET /api/admin/metrics – live-connection health of this instance (platform admins)
export const GET = withAdmin(async () => {
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
