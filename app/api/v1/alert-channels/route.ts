import { withOrg } from '@/lib/api/with-org';
import { checkAlertTarget, createAlertChannel, findAlertChannels, parseCreateAlertChannel } from '@/lib/alerts';
import { localeOfRequest } from '@/lib/format';

export const dynamic = 'force-dynamic';

// GET /api/v1/alert-channels – the org's Slack and e-mail channels, each with its recent alerts
export const GET = withOrg(async ({ db, orgId }) => Response.json({ channels: await findAlertChannels({ db, orgId }) }), { permission: 'alerts.manage' });

// POST /api/v1/alert-channels – add a channel: { type: "slack"|"email", target, events, locale? }; its alerts are
// written in `locale`, else in the language of the person adding it
export const POST = withOrg(
  async ({ req, body, db, orgId, user, ip, log }) => {
    const target = await checkAlertTarget(body.type, body.target);
    const locale = body.locale ?? localeOfRequest(req.headers);
    const channel = await createAlertChannel({ db, orgId, actor: user, ip, input: body, target, locale });
    log.info({ channelId: channel.id, type: channel.type, events: channel.events, locale }, 'alert channel added');
    return Response.json(channel, { status: 201 });
  },
  { permission: 'alerts.manage', body: { parse: parseCreateAlertChannel, maxBytes: 8192 } },
);
