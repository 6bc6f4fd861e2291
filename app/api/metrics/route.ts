import { withAdmin } from '@/lib/api/with-session';
import { renderPrometheus } from '@/lib/realtime/prometheus';

export const dynamic = 'force-dynamic';

// GET /api/metrics – this instance's live-connection metrics in Prometheus text format
// (a platform admin's session, or the METRICS_TOKEN bearer of a scraper)
export const GET = withAdmin(
  async () => {
    const { contentType, body } = await renderPrometheus();
    return new Response(body, { headers: { 'Content-Type': contentType, 'Cache-Control': 'no-store' } });
  },
  { metricsToken: true },
);
