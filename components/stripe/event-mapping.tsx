import { Table, TableHead, TBody, Td, Tr } from '@/components/ui/table';
import type { TStripeStatus } from '@/lib/stripe/schema';

/** What each Stripe event becomes in Orylo, and where its fields go. */
const BECOMES: Record<TStripeStatus['events'][number]['type'], string> = {
  'charge.dispute.created': 'A chargeback outcome with the disputed amount and Stripe’s reason (fraudulent, product_not_received…). Labels the payment fraud.',
  'radar.early_fraud_warning.created': 'An early fraud warning outcome with the fraud type as its reason. Labels the payment fraud.',
  'charge.refunded': 'A refunded outcome with the amount refunded so far. No label: merchants refund genuine customers too.',
  'payment_intent.payment_failed': 'A declined outcome with the decline code (or the error code). The payment counts as declined in the rules’ decline features.',
};

export function EventMapping({ events }: { events: TStripeStatus['events'] }) {
  return (
    <Table data-testid="stripe-event-mapping">
      <TableHead columns={['Stripe event', 'In Orylo']} />
      <TBody>
        {events.map((e) => (
          <Tr key={e.type}>
            <Td>
              <code>{e.type}</code>
            </Td>
            <Td>{BECOMES[e.type]}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
