import { validationError } from '@/lib/errors';
import { withOrg } from '@/lib/api/with-org';
import { findPendingReviews, ZFindReviewsQuerySchema } from '@/lib/reviews';

export const dynamic = 'force-dynamic';

// GET /api/v1/reviews – the review queue: REVIEW detections not yet reviewed, newest first, with the pending count
export const GET = withOrg(async ({ req, db, orgId }) => {
  const query = ZFindReviewsQuerySchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!query.success) throw validationError(query.error);
  return Response.json(await findPendingReviews({ db, orgId, ...query.data }));
});
