'use client';

import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { useErrorText } from '@/hooks/use-error-text';
import { useCreateWebhook, type TCreatedWebhook } from '@/hooks/use-webhooks';
import { ApiError } from '@/lib/api-client';
import { WEBHOOK_DECISIONS, WEBHOOK_EVENT_TYPES, type TWebhookDecision, type TWebhookSubscribable } from '@/lib/webhooks/catalog';
import { eventKey } from './event-key';

/** URL, the events (one line each on what they mean) and the decisions filter of detection.created. */
export function CreateWebhookForm({ orgId, onCreated }: { orgId: string; onCreated: (created: TCreatedWebhook) => void }) {
  const t = useTranslations('webhooks');
  const errorText = useErrorText();
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<Set<TWebhookSubscribable>>(new Set(['detection.created']));
  const [decisions, setDecisions] = useState<Set<TWebhookDecision>>(new Set(WEBHOOK_DECISIONS));
  const create = useCreateWebhook(orgId);
  const fieldError = create.error instanceof ApiError && create.error.status === 400 ? errorText(create.error) : undefined;

  const toggle = <T,>(set: Set<T>, value: T) => {
    const next = new Set(set);
    if (next.has(value)) next.delete(value);
    else next.add(value);
    return next;
  };
  const filtered = events.has('detection.created') && decisions.size < WEBHOOK_DECISIONS.length;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input = { url: url.trim(), events: WEBHOOK_EVENT_TYPES.filter((e) => events.has(e)), ...(filtered ? { decisions: WEBHOOK_DECISIONS.filter((d) => decisions.has(d)) } : {}) };
    create.mutate(input, {
      onSuccess: (created) => {
        setUrl('');
        onCreated(created);
      },
    });
  };

  return (
    <form onSubmit={onSubmit} className="form" data-testid="create-webhook-form">
      <Field
        label={t('form.url')}
        name="url"
        type="url"
        value={url}
        onChange={(e) => setUrl(e.target.value)}
        placeholder={t('form.urlPlaceholder')}
        required
        aria-invalid={fieldError ? true : undefined}
        hint={fieldError ?? t('form.urlHint')}
      />
      <fieldset className="field" style={{ border: 0, padding: 0, margin: 0 }}>
        <legend>{t('form.events')}</legend>
        {WEBHOOK_EVENT_TYPES.map((type) => (
          <label key={type} style={{ display: 'flex', gap: 8, alignItems: 'baseline' }}>
            <input type="checkbox" name="events" value={type} checked={events.has(type)} onChange={() => setEvents(toggle(events, type))} data-testid={`webhook-event-${type}`} />
            <span>
              <code>{type}</code> <span className="hint">{t(`events.${eventKey(type)}`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {events.has('detection.created') ? (
        <fieldset className="field" style={{ border: 0, padding: 0, margin: 0 }}>
          <legend>{t.rich('form.decisionsFor', { code: (chunks) => <code>{chunks}</code> })}</legend>
          <div style={{ display: 'flex', gap: 14 }}>
            {WEBHOOK_DECISIONS.map((d) => (
              <label key={d} style={{ display: 'flex', gap: 6 }}>
                <input type="checkbox" name="decisions" value={d} checked={decisions.has(d)} onChange={() => setDecisions(toggle(decisions, d))} data-testid={`webhook-decision-${d}`} />
                {t('decision', { decision: d })}
              </label>
            ))}
          </div>
          <span className="hint">{t('form.decisionsHint')}</span>
        </fieldset>
      ) : null}
      <div>
        <Button type="submit" variant="primary" disabled={create.isPending || !url.trim() || events.size === 0 || (events.has('detection.created') && decisions.size === 0)} data-testid="create-webhook">
          {create.isPending ? t('form.pending') : t('form.submit')}
        </Button>
      </div>
    </form>
  );
}
