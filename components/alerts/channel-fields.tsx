'use client';

import { useTranslations } from 'next-intl';
import { ALERT_EVENTS, type TAlertEvent } from '@/lib/alerts/schema';
import { LOCALES, type TLocale } from '@/lib/format';
import { useAlertEventText } from './events';

/** What a channel is told (its events) and in which language: the same controls to add a channel and to change one. */
export function ChannelFields({
  events,
  onEvents,
  locale,
  onLocale,
}: {
  events: TAlertEvent[];
  onEvents: (events: TAlertEvent[]) => void;
  locale: TLocale;
  onLocale: (locale: TLocale) => void;
}) {
  const t = useTranslations('alerts.add');
  const tLanguage = useTranslations('common.language');
  const eventText = useAlertEventText();
  const toggle = (event: TAlertEvent) => onEvents(events.includes(event) ? events.filter((e) => e !== event) : [...events, event]);

  return (
    <>
      <fieldset style={{ border: 0, padding: 0, margin: 0, display: 'grid', gap: 6 }}>
        <legend className="hint">{t('events')}</legend>
        {ALERT_EVENTS.map((event) => (
          <label key={event} style={{ display: 'flex', gap: 8, alignItems: 'baseline' }}>
            <input type="checkbox" checked={events.includes(event)} onChange={() => toggle(event)} data-testid={`alert-event-${event}`} />
            <span>
              <strong>{eventText.label(event)}</strong> <span className="muted">{eventText.explain(event)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <label style={{ display: 'grid', gap: 4, justifyItems: 'start' }}>
        <span className="hint">{t('language')}</span>
        <select className="select" value={locale} onChange={(e) => onLocale(e.target.value as TLocale)} data-testid="alert-locale">
          {LOCALES.map((l) => (
            <option key={l} value={l} lang={l}>
              {tLanguage(l)}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}
