import { useTranslations } from 'next-intl';
import { Table, TableHead, TBody, Td, Tr } from '@/components/ui/table';
import type { TStripeStatus } from '@/lib/stripe/schema';

/** Each Stripe event's key in the stripe catalog (mapping.<key>: what it becomes in Orylo): next-intl reads dots as nesting. */
const KEY = {
  'charge.dispute.created': 'charge_dispute_created',
  'radar.early_fraud_warning.created': 'radar_early_fraud_warning_created',
  'charge.refunded': 'charge_refunded',
  'payment_intent.payment_failed': 'payment_intent_payment_failed',
} as const satisfies Record<TStripeStatus['events'][number]['type'], string>;

export function EventMapping({ events }: { events: TStripeStatus['events'] }) {
  const t = useTranslations('stripe.mapping');
  return (
    <Table data-testid="stripe-event-mapping">
      <TableHead columns={[t('columns.event'), t('columns.inOrylo')]} />
      <TBody>
        {events.map((e) => (
          <Tr key={e.type}>
            <Td>
              <code>{e.type}</code>
            </Td>
            <Td>{t(KEY[e.type])}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
