import type { TAttack } from '@/lib/attacks';
import { withOrgTransaction } from '@/lib/db';
import type { TLocale } from '@/lib/format';
import { logger } from '@/lib/logger';
import { claimAlerts, findChannelsFor } from './channels';
import { appLink, orgName } from './context';
import { deliverClaimedAlerts } from './deliver';
import { attackEndedMessage, attackStartedMessage } from './messages';

/**
 * An incident opened or closed (lib/attacks/observe.ts, after the commit):
 * claims one alert row per subscribed channel for (incident, event) and sends
 * those this call claimed. The unique row is the guarantee: a second instance,
 * a restart or a resumed incident finds it and sends nothing, so each channel
 * gets one start and one end message per incident, ever. Fire-and-forget:
 * never throws, never delays the detector.
 */
export function alertOnIncident(options: { orgId: string; outcome: 'opened' | 'closed'; attack: TAttack }): void {
  void sendIncidentAlerts(options).catch((err) => logger().warn({ err, orgId: options.orgId, attackId: options.attack.id }, 'incident alerts failed'));
}

export async function sendIncidentAlerts(options: { orgId: string; outcome: 'opened' | 'closed'; attack: TAttack }): Promise<number> {
  const { orgId, outcome, attack } = options;
  const event = outcome === 'opened' ? 'attack.started' : 'attack.ended';
  const claimed = await withOrgTransaction(orgId, async (db) => {
    const channels = await findChannelsFor({ db, orgId, event });
    if (channels.length === 0) return null;
    const rows = await claimAlerts({ db, orgId, event, subject: attack.id, channels });
    return { rows, channels, name: rows.length ? await orgName(db, orgId) : '' };
  });
  if (!claimed || claimed.rows.length === 0) return 0;
  const link = appLink(`/attacks/${attack.id}`);
  const build = event === 'attack.started' ? attackStartedMessage : attackEndedMessage;
  const message = (locale: TLocale) => build({ orgName: claimed.name, attack, link, locale });
  await deliverClaimedAlerts({ orgId, rows: claimed.rows, channels: claimed.channels, message });
  logger().info({ orgId, attackId: attack.id, event, channels: claimed.rows.length }, 'incident alerts sent');
  return claimed.rows.length;
}
