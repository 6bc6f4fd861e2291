'use client';

import { useTranslations } from 'next-intl';
import type { TAlertEvent } from '@/lib/alerts/schema';

/** An event's key in the alerts catalog (events.<key>): next-intl reads dots as nesting. */
const KEY = { 'attack.started': 'attack_started', 'attack.ended': 'attack_ended', 'review.backlog': 'review_backlog' } as const satisfies Record<TAlertEvent, string>;

/** Each event in one line, as the form and the channel list explain it, in the reader's language. */
export function useAlertEventText() {
  const t = useTranslations('alerts.events');
  return {
    label: (event: TAlertEvent | 'test') => (event === 'test' ? t('test.label') : t(`${KEY[event]}.label`)),
    explain: (event: TAlertEvent) => t(`${KEY[event]}.explain`),
  };
}
