'use client';

import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Table, TableHead, TBody, Td, Tr } from '@/components/ui/table';
import { useWebhookDeliveries } from '@/hooks/use-webhooks';

const time = (iso: string) => new Date(iso).toLocaleString();

/** Every attempt to one endpoint, newest first: what it answered, how fast, and when the next try is due. */
export function DeliveryLog({ orgId, endpointId }: { orgId: string; endpointId: string }) {
  const log = useWebhookDeliveries(orgId, endpointId);
  if (log.isPending) return <div className="skeleton" />;
  if (log.isError) return <Alert>Could not load the deliveries: {log.error.message}</Alert>;
  if (log.data.deliveries.length === 0) return <p className="muted" data-testid="webhook-log-empty">No delivery yet. Send a test event to try the endpoint.</p>;
  return (
    <Table data-testid="webhook-log">
      <TableHead columns={['Time', 'Event', 'Attempt', 'HTTP status', 'Duration', 'Error / answer']} />
      <TBody>
        {log.data.deliveries.map((d) => (
          <Tr key={d.id} data-testid="webhook-log-row" data-status={d.status ?? ''} data-type={d.type}>
            <Td>{time(d.attemptedAt)}</Td>
            <Td>
              <code>{d.type}</code>
              <div className="hint mono" title="Orylo-Event-Id">{d.eventId}</div>
            </Td>
            <Td numeric>{d.attempt}</Td>
            <Td>{d.status === null ? <Badge tone="block">no answer</Badge> : <Badge tone={d.ok ? 'allow' : 'block'}>{d.status}</Badge>}</Td>
            <Td numeric>{d.durationMs} ms</Td>
            <Td>
              {d.error ? <div>{d.error}</div> : null}
              {d.response ? <div className="hint mono" style={{ maxWidth: 360, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={d.response}>{d.response}</div> : null}
              {d.nextAttemptAt ? <div className="hint">Next attempt {time(d.nextAttemptAt)}</div> : null}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
