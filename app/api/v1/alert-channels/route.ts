import { withOrg } from '@/lib/api/with-org';
import { checkAlertTarget, createAlertChannel, findAlertChannels, parseCreateAlertChannel } from '@/lib/alerts';

export const dynamic = 'force-dynamic';

// GET /api/v1/alert-channels – the org's Slack and e-mail channels, each with its recent alerts
export const GET = withOrg(async ({ db, orgId }) => Response.json({ channels: await findAlertChannels({ db, orgId }) }), { permission: 'alerts.manage' });

// POST /api/v1/alert-channels – add a channel: { type: "slack"|"email", target, events }
export const POST = withOrg(
  async ({ body, db, orgId, user, ip, log }) => {
    const target = await checkAlertTarget(body.type, body.target);
    const channel = await createAlertChannel({ db, orgId, actor: user, ip, input: body, target });
    log.info({ channelId: channel.id, type: channel.type, events: channel.events }, 'alert channel added');
    return Response.json(channel, { status: 201 });
  },
  { permission: 'alerts.manage', body: { parse: parseCreateAlertChannel, maxBytes: 8192 } },
);
