import { readJsonBody } from '@/lib/api/body';
import { withOrg } from '@/lib/api/with-org';
import { clientIp } from '@/lib/realtime/limits';
import { clearThresholdsOverride, setThresholdsOverride, ZThresholdsOverrideSchema } from '@/lib/scoring';

export const dynamic = 'force-dynamic';

// POST /api/v1/settings/thresholds/override – temporary thresholds for 1 to 1440 minutes (the war room)
export const POST = withOrg(async ({ req, db, orgId, user, log }) => {
  const input = await readJsonBody(req, ZThresholdsOverrideSchema, { maxBytes: 1024 });
  const view = await setThresholdsOverride({ db, orgId, actor: user, ip: clientIp(req), input });
  log.info({ override: view.override }, 'thresholds override set');
  return Response.json(view);
});

// DELETE /api/v1/settings/thresholds/override – end the override now
export const DELETE = withOrg(async ({ req, db, orgId, user, log }) => {
  const view = await clearThresholdsOverride({ db, orgId, actor: user, ip: clientIp(req) });
  log.info('thresholds override ended');
  return Response.json(view);
});
