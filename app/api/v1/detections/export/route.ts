import { withOrg } from '@/lib/api/with-org';
import { csvFile, ZExportQuerySchema } from '@/lib/detections/export-csv';
import { csvExportResponse } from '@/lib/detections/export-stream';
import { localeOfRequest } from '@/lib/format';

export const dynamic = 'force-dynamic';

// GET /api/v1/detections/export?from=&to=&lang= – the org's detections in a time range as CSV
// (the war room exports an incident's window for refunds and the acquirer), streamed page by page,
// in the reader's language unless `lang` says otherwise (lib/detections/export-csv.ts)
export const GET = withOrg(
  async ({ req, query, db, orgId, log }) =>
    csvExportResponse({
      db,
      orgId,
      // The range ends now unless `to` says otherwise, so rows written during the download do not move it.
      from: new Date(query.from),
      to: new Date(query.to ?? Date.now()),
      file: csvFile(query.lang ?? localeOfRequest(req.headers)),
      name: `orylo-detections-${query.from.replace(/[:.]/g, '-')}`,
      log,
      signal: req.signal,
    }),
  { permission: 'export', query: ZExportQuerySchema },
);
