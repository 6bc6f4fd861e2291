import { withOrg } from '@/lib/api/with-org';
import { ZExportQuerySchema } from '@/lib/detections/export-csv';
import { countExportRows, streamDetectionsCsv } from '@/lib/detections/export-stream';

export const dynamic = 'force-dynamic';

// GET /api/v1/detections/export?from=&to= – the org's detections in a time range as CSV
// (the war room exports an incident's window for refunds and the acquirer), streamed page by page
export const GET = withOrg(
  async ({ req, query, db, orgId, log }) => {
    // The range ends now unless `to` says otherwise, so rows written during the download do not move it.
    const range = { orgId, from: new Date(query.from), to: new Date(query.to ?? Date.now()) };
    const { rows, truncated } = await countExportRows({ db, ...range });
    log.info({ rows, truncated }, 'detections export started');
    const stamp = query.from.replace(/[:.]/g, '-');
    return new Response(streamDetectionsCsv({ ...range, rows, log, signal: req.signal }), {
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
