import { z } from 'zod';
import { uuidParam } from '@/lib/api/input';
import { withOrg } from '@/lib/api/with-org';
import { deleteAlertChannel, parseUpdateAlertChannel, updateAlertChannel } from '@/lib/alerts';

export const dynamic = 'force-dynamic';

const params = z.object({ id: uuidParam('alert channel') });

// PATCH /api/v1/alert-channels/:id – { events?, locale? }: what a channel is told and in which language,
// keeping its target and its alert history
export const PATCH = withOrg(
  async ({ params, body, db, orgId, user, ip, log }) => {
    const channel = await updateAlertChannel({ db, orgId, actor: user, ip, id: params.id, input: body });
    log.info({ channelId: channel.id, events: channel.events, locale: channel.locale }, 'alert channel changed');
    return Response.json(channel);
  },
  { permission: 'alerts.manage', params, body: { parse: parseUpdateAlertChannel, maxBytes: 4096 } },
);

// DELETE /api/v1/alert-channels/:id – stop sending to a channel (its alert history goes with it)
export const DELETE = withOrg(
  async ({ params, db, orgId, user, ip, log }) => {
    const channel = await deleteAlertChannel({ db, orgId, actor: user, ip, id: params.id });
    log.info({ channelId: channel.id }, 'alert channel deleted');
    return new Response(null, { status: 204 });
  },
  { permission: 'alerts.manage', params },
);
