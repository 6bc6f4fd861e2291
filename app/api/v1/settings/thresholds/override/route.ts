import { withOrg } from '@/lib/api/with-org';
import { clearThresholdsOverride, getThresholds, overridePermission, setThresholdsOverride, ZThresholdsOverrideSchema } from '@/lib/scoring';

export const dynamic = 'force-dynamic';

// POST /api/v1/settings/thresholds/override – temporary thresholds for 1 to 1440 minutes (the war room).
// An analyst may tighten them during an attack; anything looser takes an admin.
export const POST = withOrg(
  async ({ body, db, orgId, user, ip, log, authorize }) => {
    authorize(overridePermission(await getThresholds({ db, orgId }), body));
    const view = await setThresholdsOverride({ db, orgId, actor: user, ip, input: body });
    log.info({ override: view.override }, 'thresholds override set');
    return Response.json(view);
  },
  { permission: 'thresholds.tighten', body: { schema: ZThresholdsOverrideSchema, maxBytes: 1024 } },
);

// DELETE /api/v1/settings/thresholds/override – end the override now (back to the looser standing thresholds)
export const DELETE = withOrg(
  async ({ db, orgId, user, ip, log }) => {
    const view = await clearThresholdsOverride({ db, orgId, actor: user, ip });
    log.info('thresholds override ended');
    return Response.json(view);
  },
  { permission: 'thresholds.change' },
);
