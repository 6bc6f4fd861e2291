import { withOrg } from '@/lib/api/with-org';
import { getThresholds, updateThresholds, ZThresholdsSchema } from '@/lib/scoring';

export const dynamic = 'force-dynamic';

// GET /api/v1/settings/thresholds – review and block thresholds, and the override while it lasts
export const GET = withOrg(async ({ db, orgId }) => Response.json(await getThresholds({ db, orgId })));

// PUT /api/v1/settings/thresholds – change the standing thresholds
export const PUT = withOrg(
  async ({ body, db, orgId, user, ip, log }) => {
    const view = await updateThresholds({ db, orgId, actor: user, ip, input: body });
    log.info({ review: view.review, block: view.block }, 'thresholds updated');
    return Response.json(view);
  },
  { permission: 'thresholds.change', body: { schema: ZThresholdsSchema, maxBytes: 1024 } },
);
