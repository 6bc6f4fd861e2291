'use client';

import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { useCreateAlertChannel } from '@/hooks/use-alerts';
import { ApiError } from '@/lib/api-client';
import { ALERT_EVENTS, type TAlertChannelType, type TAlertEvent } from '@/lib/alerts/schema';
import { ALERT_EVENT_TEXT } from './events';

export function AddChannelForm({ orgId }: { orgId: string }) {
  const [type, setType] = useState<TAlertChannelType>('slack');
  const [target, setTarget] = useState('');
  const [events, setEvents] = useState<TAlertEvent[]>([...ALERT_EVENTS]);
  const create = useCreateAlertChannel(orgId);
  const fieldError = create.error instanceof ApiError && create.error.status < 500 ? create.error.message : undefined;

  const toggle = (event: TAlertEvent) => setEvents((list) => (list.includes(event) ? list.filter((e) => e !== event) : [...list, event]));
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    create.mutate({ type, target: target.trim(), events }, { onSuccess: () => setTarget('') });
  };

  return (
    <form onSubmit={onSubmit} className="form" data-testid="add-alert-channel">
      <fieldset style={{ border: 0, padding: 0, margin: 0, display: 'flex', gap: 16 }}>
        <legend className="hint">Send alerts to</legend>
        {(['slack', 'email'] as const).map((t) => (
          <label key={t} style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
            <input type="radio" name="channel-type" value={t} checked={type === t} onChange={() => setType(t)} data-testid={`channel-type-${t}`} />
            {t === 'slack' ? 'Slack (incoming webhook)' : 'E-mail'}
          </label>
        ))}
      </fieldset>
      <Field
        label={type === 'slack' ? 'Slack incoming-webhook URL' : 'E-mail address'}
        name="target"
        type={type === 'slack' ? 'url' : 'email'}
        value={target}
        onChange={(e) => setTarget(e.target.value)}
        placeholder={type === 'slack' ? 'https://hooks.slack.com/services/T…/B…/…' : 'fraud-team@shop.example'}
        maxLength={2048}
        required
        aria-invalid={fieldError ? true : undefined}
        data-testid="alert-target"
        hint={fieldError ?? (type === 'slack' ? 'Keep it secret: anyone with it can post to the Slack channel.' : 'One address per channel.')}
      />
      <fieldset style={{ border: 0, padding: 0, margin: 0, display: 'grid', gap: 6 }}>
        <legend className="hint">Events</legend>
        {ALERT_EVENTS.map((event) => (
          <label key={event} style={{ display: 'flex', gap: 8, alignItems: 'baseline' }}>
            <input type="checkbox" checked={events.includes(event)} onChange={() => toggle(event)} data-testid={`alert-event-${event}`} />
            <span>
              <strong>{ALERT_EVENT_TEXT[event].label}</strong> <span className="muted">{ALERT_EVENT_TEXT[event].explain}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div>
        <Button type="submit" variant="primary" disabled={create.isPending || !target.trim() || events.length === 0} data-testid="create-alert-channel">
          {create.isPending ? 'Adding…' : 'Add channel'}
        </Button>
      </div>
    </form>
  );
}
