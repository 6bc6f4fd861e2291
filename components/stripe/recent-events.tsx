import { formatDateTime } from '@/components/dashboard/format';
import { Badge } from '@/components/ui/badge';
import { CardBody } from '@/components/ui/card';
import { Table, TableHead, TBody, Td, Tr } from '@/components/ui/table';
import type { TStripeStatus } from '@/lib/stripe/schema';

const RESULT: Record<TStripeStatus['recentEvents'][number]['result'], { text: string; tone: 'allow' | 'review' | 'neutral' }> = {
  recorded: { text: 'Recorded', tone: 'allow' },
  duplicate: { text: 'Already recorded (a retry)', tone: 'neutral' },
  unknown_payment: { text: 'No matching payment', tone: 'review' },
  ignored: { text: 'Ignored (type not used)', tone: 'neutral' },
};

export function RecentEvents({ events }: { events: TStripeStatus['recentEvents'] }) {
  if (events.length === 0) {
    return (
      <CardBody>
        <p className="muted" data-testid="stripe-recent-empty">
          Nothing received yet. In Stripe, “Send test event” on the endpoint’s page checks the connection.
        </p>
      </CardBody>
    );
  }
  return (
    <Table data-testid="stripe-recent-events">
      <TableHead columns={['Received', 'Event', 'Result']} />
      <TBody>
        {events.map((e) => (
          <Tr key={`${e.id}-${e.receivedAt}`} data-testid="stripe-recent-event" data-result={e.result}>
            <Td>{formatDateTime(e.receivedAt)}</Td>
            <Td>
              <code>{e.type}</code> <span className="muted">{e.id}</span>
            </Td>
            <Td>
              <Badge tone={RESULT[e.result].tone}>{RESULT[e.result].text}</Badge>
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
