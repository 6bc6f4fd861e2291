import { withOrg } from '@/lib/api/with-org';
import { nudgeOrg } from '@/lib/nudge';
import { reviewInBulk, ZBulkReviewInputSchema } from '@/lib/reviews';

export const dynamic = 'force-dynamic';

// POST /api/v1/reviews/bulk – approve or block a selection, or every pending item from an IP or an incident, in one transaction; per-item results
export const POST = withOrg(
  async ({ body, db, orgId, user, ip, log, afterCommit }) => {
    const result = await reviewInBulk({ db, orgId, actor: user, input: body, ip });
    if (result.reviewed > 0) afterCommit(() => nudgeOrg(orgId));
    log.info({ action: body.action, reviewed: result.reviewed, skipped: result.skipped }, 'bulk review');
    return Response.json(result);
  },
  // 500 ids of 36 characters and a note fit well within 64 KiB.
  { permission: 'review', body: { schema: ZBulkReviewInputSchema, maxBytes: 65_536 } },
);
