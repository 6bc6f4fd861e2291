import { withOrg } from '@/lib/api/with-org';
import { exportDetectionsCsv, ZExportQuerySchema } from '@/lib/detections/export-csv';

export const dynamic = 'force-dynamic';

// GET /api/v1/detections/export?from=&to= – the org's detections in a time range as CSV
// (the war room exports an incident's window for refunds and the acquirer)
export const GET = withOrg(
  async ({ query, db, orgId, log }) => {
    const { csv, rows, truncated } = await exportDetectionsCsv({ db, orgId, ...query });
    log.info({ rows, truncated }, 'detections exported');
    const stamp = query.from.replace(/[:.]/g, '-');
    return new Response(csv, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="orylo-detections-${stamp}.csv"`,
        'Cache-Control': 'no-store',
        'X-Orylo-Rows': String(rows),
        'X-Orylo-Truncated': String(truncated),
      },
    });
  },
  { permission: 'export', query: ZExportQuerySchema },
);
