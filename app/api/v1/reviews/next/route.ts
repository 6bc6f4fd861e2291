import { withOrg } from '@/lib/api/with-org';
import { nudgeOrg } from '@/lib/nudge';
import { claimNextReview } from '@/lib/reviews';

export const dynamic = 'force-dynamic';

// POST /api/v1/reviews/next – claim for the caller the oldest pending item nobody holds (10 minutes); { detection: null } when none
export const POST = withOrg(
  async ({ db, orgId, user, log, afterCommit }) => {
    const detection = await claimNextReview({ db, orgId, actor: user });
    if (detection) {
      // Every open dashboard shows who holds it (detection_updated).
      afterCommit(() => nudgeOrg(orgId));
      log.info({ detectionId: detection.id }, 'review claimed');
    }
    return Response.json({ detection });
  },
  { permission: 'review' },
);
