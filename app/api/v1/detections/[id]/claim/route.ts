import { z } from 'zod';
import { uuidParam } from '@/lib/api/input';
import { withOrg } from '@/lib/api/with-org';
import { nudgeOrg } from '@/lib/nudge';
import { claimDetection, releaseClaim } from '@/lib/reviews';

export const dynamic = 'force-dynamic';

const params = z.object({ id: uuidParam('detection') });

// POST /api/v1/detections/:id/claim – hold one pending item for 10 minutes (again: extend); 409 naming who holds it otherwise
export const POST = withOrg(
  async ({ params, db, orgId, user, log, afterCommit }) => {
    const detection = await claimDetection({ db, orgId, id: params.id, actor: user });
    afterCommit(() => nudgeOrg(orgId));
    log.info({ detectionId: detection.id }, 'review claimed');
    return Response.json({ detection });
  },
  { permission: 'review', params },
);

// DELETE /api/v1/detections/:id/claim – let go of your claim (idempotent); 409 when it is someone else's
export const DELETE = withOrg(
  async ({ params, db, orgId, user, afterCommit }) => {
    const detection = await releaseClaim({ db, orgId, id: params.id, actor: user });
    afterCommit(() => nudgeOrg(orgId));
    return Response.json({ detection });
  },
  { permission: 'review', params },
);
