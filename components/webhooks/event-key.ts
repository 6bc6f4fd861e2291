import type { TWebhookSubscribable } from '@/lib/webhooks/catalog';

/** An event type's key in the webhooks catalog (events.<key>): next-intl reads dots as nesting. */
export const eventKey = (type: TWebhookSubscribable) => type.replace('.', '_') as 'detection_created' | 'detection_reviewed' | 'detection_outcome' | 'attack_started' | 'attack_ended' | 'list_changed';
