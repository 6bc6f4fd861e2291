import { readJsonBody } from '@/lib/api/body';
import { withOrg } from '@/lib/api/with-org';
import { clientIp } from '@/lib/realtime/limits';
import { getThresholds, updateThresholds, ZThresholdsSchema } from '@/lib/scoring';

export const dynamic = 'force-dynamic';

// GET /api/v1/settings/thresholds – review and block thresholds, and the override while it lasts
export const GET = withOrg(async ({ db, orgId }) => Response.json(await getThresholds({ db, orgId })));

// PUT /api/v1/settings/thresholds – change the standing thresholds
export const PUT = withOrg(async ({ req, db, orgId, user, log }) => {
  const input = await readJsonBody(req, ZThresholdsSchema, { maxBytes: 1024 });
  const view = await updateThresholds({ db, orgId, actor: user, ip: clientIp(req), input });
  log.info({ review: view.review, block: view.block }, 'thresholds updated');
  return Response.json(view);
});
