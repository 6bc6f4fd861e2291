'use client';

import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Table, TableHead, TBody, Td, Tr } from '@/components/ui/table';
import { useErrorText } from '@/hooks/use-error-text';
import { useFormats } from '@/hooks/use-formats';
import { useWebhookDeliveries } from '@/hooks/use-webhooks';

/** The header carrying the id: a name, the same in every language. */
const EVENT_ID_HEADER = 'Orylo-Event-Id';

/** Every attempt to one endpoint, newest first: what it answered, how fast, and when the next try is due. */
export function DeliveryLog({ orgId, endpointId }: { orgId: string; endpointId: string }) {
  const t = useTranslations('webhooks.log');
  const f = useFormats();
  const errorText = useErrorText();
  const log = useWebhookDeliveries(orgId, endpointId);
  if (log.isPending) return <div className="skeleton" />;
  if (log.isError) return <Alert>{t('loadFailed', { error: errorText(log.error) })}</Alert>;
  if (log.data.deliveries.length === 0) return <p className="muted" data-testid="webhook-log-empty">{t('empty')}</p>;
  return (
    <Table data-testid="webhook-log">
      <TableHead columns={[t('columns.time'), t('columns.event'), t('columns.attempt'), t('columns.status'), t('columns.duration'), t('columns.answer')]} />
      <TBody>
        {log.data.deliveries.map((d) => (
          <Tr key={d.id} data-testid="webhook-log-row" data-status={d.status ?? ''} data-type={d.type}>
            <Td>{f.when(d.attemptedAt)}</Td>
            <Td>
              <code>{d.type}</code>
              <div className="hint mono" title={EVENT_ID_HEADER}>{d.eventId}</div>
            </Td>
            <Td numeric>{d.attempt}</Td>
            <Td>{d.status === null ? <Badge tone="block">{t('noAnswer')}</Badge> : <Badge tone={d.ok ? 'allow' : 'block'}>{d.status}</Badge>}</Td>
            <Td numeric>{t('ms', { ms: f.number(d.durationMs) })}</Td>
            <Td>
              {d.error ? <div translate="no">{d.error}</div> : null}
              {d.response ? <div className="hint mono" style={{ maxWidth: 360, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={d.response} translate="no">{d.response}</div> : null}
              {d.nextAttemptAt ? <div className="hint">{t('nextAttempt', { at: f.dateTime(d.nextAttemptAt) })}</div> : null}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
