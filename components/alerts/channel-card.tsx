'use client';

import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { ConfirmAction, useInlineConfirm } from '@/components/ui/confirm-action';
import { Table, TableHead, TBody, Td, Tr } from '@/components/ui/table';
import { useDeleteAlertChannel, useTestAlertChannel } from '@/hooks/use-alerts';
import type { TAlertChannelWithAlerts, TAlertRecord } from '@/lib/alerts/schema';
import { useFormats } from '@/hooks/use-formats';
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
          <div style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
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
