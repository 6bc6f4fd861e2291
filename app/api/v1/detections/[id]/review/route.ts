import { z } from 'zod';
import { uuidParam } from '@/lib/api/input';
import { withOrg } from '@/lib/api/with-org';
import { nudgeOrg } from '@/lib/nudge';
import { reviewDetection, ZReviewInputSchema } from '@/lib/reviews';

export const dynamic = 'force-dynamic';

// POST /api/v1/detections/:id/review – approve (→ ALLOW) or block a REVIEW detection; viewers see it live
export const POST = withOrg(
  async ({ params, body, db, orgId, user, ip, log, afterCommit }) => {
    const detection = await reviewDetection({ db, orgId, id: params.id, actor: user, input: body, ip });
    // Once committed, the org's streams read the update at once (detection_updated).
    afterCommit(() => nudgeOrg(orgId));
    log.info({ detectionId: detection.id, action: body.action }, 'detection reviewed');
    return Response.json({ detection });
  },
  { permission: 'review', params: z.object({ id: uuidParam('detection') }), body: { schema: ZReviewInputSchema, maxBytes: 8192 } },
);
