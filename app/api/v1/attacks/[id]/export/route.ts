import { z } from 'zod';
import { uuidParam } from '@/lib/api/input';
import { withOrg } from '@/lib/api/with-org';
import { attributedSql, getAttackDetailOrThrow } from '@/lib/attacks';
import { csvFile, ZExportLanguage } from '@/lib/detections/export-csv';
import { csvExportResponse } from '@/lib/detections/export-stream';
import { localeOfRequest } from '@/lib/format';

export const dynamic = 'force-dynamic';

// GET /api/v1/attacks/:id/export?lang= – the incident's own attempts as CSV (attributed to it, not the shop's
// ordinary traffic of the same minutes), for refunds and the acquirer; streamed like the detections export
export const GET = withOrg(
  async ({ req, params, query, db, orgId, log }) => {
    const { attack } = await getAttackDetailOrThrow({ db, orgId, id: params.id });
    // + 1 ms: the stored instant has microseconds, its ISO form milliseconds.
    const to = attack.status === 'closed' ? new Date(Date.parse(attack.lastAttemptAt) + 1) : new Date();
    return csvExportResponse({
      db,
      orgId,
      from: new Date(attack.startedAt),
      to,
      only: attributedSql(attack.indicators),
      file: csvFile(query.lang ?? localeOfRequest(req.headers)),
      name: `orylo-incident-${attack.startedAt.replace(/[:.]/g, '-')}`,
      log: log.child({ attackId: attack.id }),
      signal: req.signal,
    });
  },
  { permission: 'export', params: z.object({ id: uuidParam('incident') }), query: z.object({ lang: ZExportLanguage }) },
);
