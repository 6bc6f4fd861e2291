import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import { CardBody } from '@/components/ui/card';
import { Table, TableHead, TBody, Td, Tr } from '@/components/ui/table';
import { useFormats } from '@/hooks/use-formats';
import type { TStripeStatus } from '@/lib/stripe/schema';

/** Each result's tone; its words are in the stripe catalog (recent.result.<result>). */
const TONE: Record<TStripeStatus['recentEvents'][number]['result'], 'allow' | 'review' | 'neutral'> = {
  recorded: 'allow',
  duplicate: 'neutral',
  unknown_payment: 'review',
  ignored: 'neutral',
};

export function RecentEvents({ events }: { events: TStripeStatus['recentEvents'] }) {
  const t = useTranslations('stripe.recent');
  const f = useFormats();
  if (events.length === 0) {
    return (
      <CardBody>
        <p className="muted" data-testid="stripe-recent-empty">
          {t('empty')}
        </p>
      </CardBody>
    );
  }
  return (
    <Table data-testid="stripe-recent-events">
      <TableHead columns={[t('columns.received'), t('columns.event'), t('columns.result')]} />
      <TBody>
        {events.map((e) => (
          <Tr key={`${e.id}-${e.receivedAt}`} data-testid="stripe-recent-event" data-result={e.result}>
            <Td>{f.when(e.receivedAt)}</Td>
            <Td>
              <code>{e.type}</code> <span className="muted" translate="no">{e.id}</span>
            </Td>
            <Td>
              <Badge tone={TONE[e.result]}>{t(`result.${e.result}`)}</Badge>
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
