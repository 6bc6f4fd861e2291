'use client';

import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { ConfirmAction, useInlineConfirm } from '@/components/ui/confirm-action';
import { Table, TableHead, TBody, Td, Tr } from '@/components/ui/table';
import { useDeleteAlertChannel, useTestAlertChannel, useUpdateAlertChannel } from '@/hooks/use-alerts';
import type { TAlertChannelWithAlerts, TAlertEvent, TAlertRecord } from '@/lib/alerts/schema';
import type { TLocale } from '@/lib/format';
import { useFormats } from '@/hooks/use-formats';
import { ChannelFields } from './channel-fields';
import { useAlertEventText } from './events';

const TONE = { sent: 'allow', failed: 'block', sending: 'review', interrupted: 'block' } as const;
/** Still "sending" long after every retry would have ended: the process that claimed it stopped (README, "Alerts": not sent again). */
const shownStatus = (a: TAlertRecord) => (a.status === 'sending' && Date.now() - Date.parse(a.createdAt) > 2 * 60_000 ? 'interrupted' : a.status);
/** What the target answered: the HTTP status for Slack, the mail server's part for e-mail. */
const answer = (a: TAlertRecord) => [a.httpStatus !== null ? `HTTP ${a.httpStatus}` : null, a.error ?? a.response].filter(Boolean).join(' · ');

export function ChannelCard({ orgId, channel }: { orgId: string; channel: TAlertChannelWithAlerts }) {
  const t = useTranslations('alerts.channel');
  const tAlerts = useTranslations('alerts');
  const f = useFormats();
  const eventText = useAlertEventText();
  const test = useTestAlertChannel(orgId);
  const remove = useDeleteAlertChannel(orgId);
  const confirm = useInlineConfirm();
  const [editing, setEditing] = useState(false);

  return (
    <Card data-testid="alert-channel" data-channel-id={channel.id}>
      <CardHeader
        title={
          <>
            <Badge>{t(channel.type)}</Badge> <span className="mono" translate="no">{channel.target}</span>
          </>
        }
        description={tAlerts('channelDescription', { events: channel.events.map((e) => eventText.label(e)).join(' · '), language: channel.locale })}
        actions={
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
            <Button size="sm" onClick={() => setEditing((e) => !e)} aria-expanded={editing} data-testid="edit-alert-channel">
              {t('edit')}
            </Button>
            <Button size="sm" onClick={() => test.mutate(channel)} disabled={test.isPending} data-testid="test-alert-channel">
              {test.isPending ? t('sending') : t('sendTest')}
            </Button>
            <ConfirmAction
              {...confirm.row(channel.id)}
              verb={t('delete')}
              pendingLabel={t('deleting')}
              warning={t('deleteWarning')}
              pending={remove.isPending}
              onConfirm={() => remove.mutate(channel, { onSettled: confirm.done })}
              testIds={{ ask: 'delete-alert-channel', confirm: 'confirm-delete-alert-channel' }}
            />
          </div>
        }
      />
      {editing ? <EditChannelForm orgId={orgId} channel={channel} onDone={() => setEditing(false)} /> : null}
      {test.data && test.variables?.id === channel.id ? (
        <CardBody>
          <p data-testid="test-result" data-status={test.data.alert.status}>
            {t('testResult', { status: test.data.alert.status, answer: answer(test.data.alert) || '—' })}
          </p>
        </CardBody>
      ) : null}
      {channel.recentAlerts.length === 0 ? (
        <CardBody>
          <p className="muted">{t('none')}</p>
        </CardBody>
      ) : (
        <Table data-testid="channel-alerts">
          <TableHead columns={[t('columns.time'), t('columns.event'), t('columns.status'), t('columns.answer')]} />
          <TBody>
            {channel.recentAlerts.map((a) => (
              <Tr key={a.id} data-testid="alert-row" data-status={a.status} data-http-status={a.httpStatus ?? ''}>
                <Td>{f.when(a.createdAt)}</Td>
                <Td>{eventText.label(a.event)}</Td>
                <Td>
                  <Badge tone={TONE[shownStatus(a)]}>{t('status', { status: shownStatus(a) })}</Badge>
                  {a.attempts > 1 ? <span className="hint"> {t('attempts', { count: a.attempts })}</span> : null}
                </Td>
                <Td className="mono" translate="no">{answer(a) || '—'}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </Card>
  );
}

/** A channel's events and language, changed in place: its target and its history stay. */
function EditChannelForm({ orgId, channel, onDone }: { orgId: string; channel: TAlertChannelWithAlerts; onDone: () => void }) {
  const t = useTranslations('alerts.channel');
  const [events, setEvents] = useState<TAlertEvent[]>(channel.events);
  const [locale, setLocale] = useState<TLocale>(channel.locale);
  const update = useUpdateAlertChannel(orgId);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    update.mutate({ id: channel.id, events, locale }, { onSuccess: onDone });
  };
  return (
    <CardBody>
      <form onSubmit={onSubmit} className="form" data-testid="edit-alert-channel-form">
        <ChannelFields events={events} onEvents={setEvents} locale={locale} onLocale={setLocale} />
        <div style={{ display: 'flex', gap: 8 }}>
          <Button type="submit" variant="primary" size="sm" disabled={update.isPending || events.length === 0} data-testid="save-alert-channel">
            {update.isPending ? t('saving') : t('save')}
          </Button>
          <Button type="button" size="sm" onClick={onDone}>
            {t('cancel')}
          </Button>
        </div>
      </form>
    </CardBody>
  );
}
