import { z } from 'zod';
import { uuidParam } from '@/lib/api/input';
import { withOrg } from '@/lib/api/with-org';
import { attributedSql, getAttackDetailOrThrow } from '@/lib/attacks';
import { countExportRows, streamDetectionsCsv } from '@/lib/detections/export-stream';

export const dynamic = 'force-dynamic';

// GET /api/v1/attacks/:id/export – the incident's own attempts as CSV (attributed to it, not the shop's
// ordinary traffic of the same minutes), for refunds and the acquirer; streamed like the detections export
export const GET = withOrg(
  async ({ req, params, db, orgId, log }) => {
    const { attack } = await getAttackDetailOrThrow({ db, orgId, id: params.id });
    // + 1 ms: the stored instant has microseconds, its ISO form milliseconds.
    const to = attack.status === 'closed' ? new Date(Date.parse(attack.lastAttemptAt) + 1) : new Date();
    const range = { orgId, from: new Date(attack.startedAt), to, only: attributedSql(attack.indicators) };
    const { rows, truncated } = await countExportRows({ db, ...range });
    log.info({ attackId: attack.id, rows, truncated }, 'incident export started');
    return new Response(streamDetectionsCsv({ ...range, rows, log, signal: req.signal }), {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="orylo-incident-${attack.startedAt.replace(/[:.]/g, '-')}.csv"`,
        'Cache-Control': 'no-store',
        'X-Orylo-Rows': String(rows),
        'X-Orylo-Truncated': String(truncated),
      },
    });
  },
  { permission: 'export', params: z.object({ id: uuidParam('incident') }) },
);
