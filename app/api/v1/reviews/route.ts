import { withOrg } from '@/lib/api/with-org';
import { findPendingReviews, ZFindReviewsQuerySchema } from '@/lib/reviews';

export const dynamic = 'force-dynamic';

// GET /api/v1/reviews – the review queue: REVIEW detections not yet reviewed, newest first, with the pending count
export const GET = withOrg(async ({ query, db, orgId }) => Response.json(await findPendingReviews({ db, orgId, ...query })), {
  query: ZFindReviewsQuerySchema,
});
