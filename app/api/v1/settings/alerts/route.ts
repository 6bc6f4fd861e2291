import { withOrg } from '@/lib/api/with-org';
import { getAlertSettings, updateAlertSettings, ZAlertSettingsSchema } from '@/lib/alerts';

export const dynamic = 'force-dynamic';

// GET /api/v1/settings/alerts – { reviewBacklogMinutes }: when review.backlog fires
export const GET = withOrg(async ({ db, orgId }) => Response.json(await getAlertSettings({ db, orgId })));

// PUT /api/v1/settings/alerts – change the review-backlog setting (minutes, 1 to 10080)
export const PUT = withOrg(
  async ({ body, db, orgId, user, ip, log }) => {
    const settings = await updateAlertSettings({ db, orgId, actor: user, ip, input: body });
    log.info(settings, 'alert settings updated');
    return Response.json(settings);
  },
  { permission: 'alerts.manage', body: { schema: ZAlertSettingsSchema, maxBytes: 1024 } },
);
