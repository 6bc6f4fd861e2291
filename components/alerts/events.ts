import type { TAlertEvent } from '@/lib/alerts/schema';

/** Each event in one line, as the form and the channel list explain it. */
export const ALERT_EVENT_TEXT: Record<TAlertEvent, { label: string; explain: string }> = {
  'attack.started': { label: 'Attack started', explain: 'A card-testing incident opens: its top IPs and BINs so far, and a link to the war room.' },
  'attack.ended': { label: 'Attack ended', explain: 'The incident closes: how long it lasted, attempts, how many were blocked, cards and the top IP.' },
  'review.backlog': { label: 'Review backlog', explain: 'The oldest pending review has waited longer than the setting below (at most once an hour).' },
};
