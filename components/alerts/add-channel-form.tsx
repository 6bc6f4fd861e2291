'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { useCreateAlertChannel } from '@/hooks/use-alerts';
import { useErrorText } from '@/hooks/use-error-text';
import { ApiError } from '@/lib/api-client';
import { ALERT_EVENTS, type TAlertChannelType, type TAlertEvent } from '@/lib/alerts/schema';
import type { TLocale } from '@/lib/format';
import { ChannelFields } from './channel-fields';

export function AddChannelForm({ orgId }: { orgId: string }) {
  const t = useTranslations('alerts.add');
  const errorText = useErrorText();
  const [type, setType] = useState<TAlertChannelType>('slack');
  const [target, setTarget] = useState('');
  const [events, setEvents] = useState<TAlertEvent[]>([...ALERT_EVENTS]);
  // A channel has no reader's browser: its alerts are written in the language picked here, the page's by default.
  const [locale, setLocale] = useState<TLocale>(useLocale());
  const create = useCreateAlertChannel(orgId);
  const fieldError = create.error instanceof ApiError && create.error.status < 500 ? errorText(create.error) : undefined;

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    create.mutate({ type, target: target.trim(), events, locale }, { onSuccess: () => setTarget('') });
  };

  return (
    <form onSubmit={onSubmit} className="form" data-testid="add-alert-channel">
      <fieldset style={{ border: 0, padding: 0, margin: 0, display: 'flex', gap: 16 }}>
        <legend className="hint">{t('sendTo')}</legend>
        {(['slack', 'email'] as const).map((kind) => (
          <label key={kind} style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
            <input type="radio" name="channel-type" value={kind} checked={type === kind} onChange={() => setType(kind)} data-testid={`channel-type-${kind}`} />
            {t(kind)}
          </label>
        ))}
      </fieldset>
      <Field
        label={type === 'slack' ? t('slackUrl') : t('emailAddress')}
        name="target"
        type={type === 'slack' ? 'url' : 'email'}
        value={target}
        onChange={(e) => setTarget(e.target.value)}
        placeholder={type === 'slack' ? 'https://hooks.slack.com/services/T…/B…/…' : t('emailPlaceholder')}
        maxLength={2048}
        required
        aria-invalid={fieldError ? true : undefined}
        data-testid="alert-target"
        hint={fieldError ?? (type === 'slack' ? t('slackHint') : t('emailHint'))}
      />
      <ChannelFields events={events} onEvents={setEvents} locale={locale} onLocale={setLocale} />
      <div>
        <Button type="submit" variant="primary" disabled={create.isPending || !target.trim() || events.length === 0} data-testid="create-alert-channel">
          {create.isPending ? t('pending') : t('submit')}
        </Button>
      </div>
    </form>
  );
}
